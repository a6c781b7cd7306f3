//! Nothing: this package holds `tests/wasm.rs`, built for `wasm32-wasip1` and run by
//! `run.mjs` (node's WASI) in CI.
