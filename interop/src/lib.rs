//! Interop tests for `iam-login-profile` live in `tests/`; this library is empty.
