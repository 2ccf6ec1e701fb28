//! truce-ledger (being written).
