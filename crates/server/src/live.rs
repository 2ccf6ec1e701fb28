//! Live updates: a broadcast of ledger changes, streamed to dashboards as Server-Sent Events.

use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use futures_util::StreamExt;
use serde::Serialize;
use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;

/// One change to the ledger, as sent to listeners.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Change {
    /// Increases by one with every change this server has seen.
    pub seq: u64,
    /// What happened: "ingest" (a POST here) or "ledger" (a write seen in the database).
    pub kind: &'static str,
    /// Documents added, when known.
    pub documents: usize,
}

/// Fan-out of changes to every open stream.
#[derive(Debug, Clone)]
pub struct Hub {
    tx: broadcast::Sender<Change>,
    seq: Arc<AtomicU64>,
    closed: Arc<tokio::sync::watch::Sender<bool>>,
}

impl Default for Hub {
    fn default() -> Self {
        Self::new()
    }
}

impl Hub {
    /// A hub with no listeners.
    pub fn new() -> Self {
        // Listeners only need the latest state; a slow one that lags just refetches.
        let (tx, _) = broadcast::channel(64);
        Hub {
            tx,
            seq: Arc::new(AtomicU64::new(0)),
            closed: Arc::new(tokio::sync::watch::Sender::new(false)),
        }
    }

    /// End every open stream (at shutdown: open streams would hold the server up).
    pub fn close(&self) {
        self.closed.send_replace(true);
    }

    /// Resolves once [`Hub::close`] was called.
    async fn closed(&self) {
        let mut rx = self.closed.subscribe();
        // An error means the sender is gone, which also means closing.
        let _ = rx.wait_for(|closed| *closed).await;
    }

    /// Tell every listener that the ledger changed.
    pub fn publish(&self, kind: &'static str, documents: usize) -> Change {
        let seq = self.seq.fetch_add(1, Ordering::SeqCst) + 1;
        let change = Change {
            seq,
            kind,
            documents,
        };
        // No listeners is fine: nobody has the page open.
        let _ = self.tx.send(change.clone());
        change
    }

    /// The number of changes so far.
    pub fn seq(&self) -> u64 {
        self.seq.load(Ordering::SeqCst)
    }

    /// A new listener.
    pub fn subscribe(&self) -> broadcast::Receiver<Change> {
        self.tx.subscribe()
    }
}

/// The SSE response: a `hello` event with the current sequence number, then one `change`
/// event per change; keep-alive comments stop proxies and browsers from timing out.
pub fn stream(hub: &Hub) -> Sse<impl Stream<Item = Result<SseEvent, Infallible>>> {
    let hello = SseEvent::default()
        .event("hello")
        .data(format!("{{\"seq\":{}}}", hub.seq()));
    let rx = hub.subscribe();
    let changes = stream::unfold(rx, |mut rx| async move {
        let ev = match rx.recv().await {
            Ok(change) => {
                let data = serde_json::to_string(&change).unwrap_or_else(|_| "{}".into());
                SseEvent::default().event("change").data(data)
            }
            // Missed some changes: one `change` is enough to make the page refetch.
            Err(broadcast::error::RecvError::Lagged(_)) => SseEvent::default()
                .event("change")
                .data("{\"lagged\":true}"),
            Err(broadcast::error::RecvError::Closed) => return None,
        };
        Some((Ok(ev), rx))
    });
    let hub = hub.clone();
    let all = stream::once(async move { Ok(hello) })
        .chain(changes)
        .take_until(async move { hub.closed().await });
    Sse::new(all).keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn publish_reaches_subscribers_in_order() {
        let hub = Hub::new();
        let mut rx = hub.subscribe();
        hub.publish("ingest", 2);
        hub.publish("ledger", 0);
        let a = rx.recv().await.expect("first");
        let b = rx.recv().await.expect("second");
        assert_eq!((a.seq, a.kind, a.documents), (1, "ingest", 2));
        assert_eq!((b.seq, b.kind), (2, "ledger"));
        assert_eq!(hub.seq(), 2);
    }

    #[tokio::test]
    async fn close_ends_streams() {
        let hub = Hub::new();
        hub.close();
        // Already closed: `closed` resolves at once rather than hanging.
        tokio::time::timeout(std::time::Duration::from_secs(1), hub.closed())
            .await
            .expect("closed resolves");
    }
}
