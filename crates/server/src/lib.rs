//! truce-server (being written).
