//! The one integration-test binary of rathaus-queue: the call rules one by one, the
//! estimates, properties over random queues, and the simulated office day.

mod estimates;
mod fixtures;
mod properties;
mod rules;
mod simulation;
