//! aws-sdk-iam against this crate (filled in next commit)
