//! Fair booking against bots, as pure code (no I/O, no clock: every function takes `now`):
//!
//! * [`pow`]: an ALTCHA-compatible proof of work. The server hands out a signed challenge;
//!   the browser (`js/pow.js`, served by the web layer) searches the number whose SHA-256
//!   matches, which costs a person a second and a bot farm that books thousands of slots
//!   a lot of CPU. Verification is one hash and one HMAC; a solution is single-use (the
//!   caller stores its [`pow::Verified::replay_key`]).
//! * [`slow_pass`]: the path without JavaScript: a signed token issued with the form that
//!   is accepted only after a minimum wait.
//! * [`rate`]: per-client rate limits (GCRA) with bounded memory; [`rate::client_key`]
//!   groups IPv6 addresses by /64.
//! * [`lottery`]: the random but reproducible order of a lottery draw (random serial
//!   dictatorship; Hakimov, Heller, Kübler and Kurino, AER 2021).

pub mod lottery;
mod mac;
pub mod pow;
pub mod rate;
pub mod slow_pass;

pub use mac::SecretKey;
