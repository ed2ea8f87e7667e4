//! The one integration-test binary of rathaus-slots: the rules one by one, then properties.

mod arbitrary;
mod blocks;
mod contingents;
mod dst;
mod fixtures;
mod hours;
mod places;
mod properties;
mod skills;
mod window;
