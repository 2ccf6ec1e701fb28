//! Versioned schema migrations (tracked in `PRAGMA user_version`).

use crate::LedgerError;
use rusqlite::Connection;

/// Migrations in order; migration `i` brings the schema to version `i + 1`.
/// Never edit a published migration: append a new one.
const MIGRATIONS: &[&str] = &[
    // 1: documents, reports, figures, ledger events, denials, ceasefires.
    r#"
CREATE TABLE documents (
    id          INTEGER PRIMARY KEY,
    doc_id      TEXT NOT NULL,
    origin      TEXT NOT NULL,
    format      TEXT,
    url         TEXT,
    raw_hash    TEXT NOT NULL UNIQUE,
    title       TEXT,
    published   TEXT,
    outlet      TEXT,
    text        TEXT NOT NULL,
    annotations TEXT NOT NULL,
    minhash     BLOB,
    wire_group  INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_url ON documents(url) WHERE url IS NOT NULL;
CREATE INDEX documents_wire ON documents(wire_group);

CREATE TABLE doc_lsh (
    bucket   INTEGER NOT NULL,
    document INTEGER NOT NULL,
    PRIMARY KEY (bucket, document)
) WITHOUT ROWID;
CREATE INDEX doc_lsh_document ON doc_lsh(document);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='id'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete BEFORE DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.id, old.title, old.text);
END;

CREATE TABLE ledger_events (
    id             INTEGER PRIMARY KEY,
    event_type     TEXT NOT NULL,
    mode           TEXT,
    source_key     TEXT,
    target_key     TEXT,
    source_name    TEXT,
    source_country TEXT,
    source_sector  TEXT,
    target_name    TEXT,
    target_country TEXT,
    target_sector  TEXT,
    anchor_start   TEXT,
    anchor_end     TEXT,
    anchor_place   TEXT,
    anchor_country TEXT,
    anchor_kind    TEXT,
    anchor_lat     REAL,
    anchor_lon     REAL,
    date_start     TEXT,
    date_end       TEXT,
    precision      TEXT,
    place_name     TEXT,
    place_country  TEXT,
    place_kind     TEXT,
    lat            REAL,
    lon            REAL,
    status         TEXT NOT NULL,
    ceasefire_violation INTEGER NOT NULL DEFAULT 0,
    corroboration  INTEGER NOT NULL DEFAULT 0,
    asserted_by    TEXT NOT NULL DEFAULT '[]',
    denied_by      TEXT NOT NULL DEFAULT '[]',
    observed_by    TEXT NOT NULL DEFAULT '[]',
    reported_by    TEXT NOT NULL DEFAULT '[]',
    n_reports      INTEGER NOT NULL DEFAULT 0,
    n_documents    INTEGER NOT NULL DEFAULT 0,
    killed_low     INTEGER,
    killed_best    INTEGER,
    killed_high    INTEGER,
    killed_open    INTEGER
);
CREATE INDEX ledger_events_key
    ON ledger_events(event_type, source_key, target_key, anchor_start);
CREATE INDEX ledger_events_date ON ledger_events(date_start);

CREATE TABLE reports (
    id             INTEGER PRIMARY KEY,
    document       INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    ledger_event   INTEGER REFERENCES ledger_events(id),
    event_type     TEXT NOT NULL,
    mode           TEXT,
    source_key     TEXT,
    target_key     TEXT,
    claimant_key   TEXT,
    source_name    TEXT,
    source_country TEXT,
    source_sector  TEXT,
    target_name    TEXT,
    target_country TEXT,
    target_sector  TEXT,
    date_start     TEXT,
    date_end       TEXT,
    precision      TEXT,
    place_name     TEXT,
    place_country  TEXT,
    place_kind     TEXT,
    lat            REAL,
    lon            REAL,
    claimant_name    TEXT,
    claimant_country TEXT,
    claimant_sector  TEXT,
    status         TEXT NOT NULL,
    ceasefire_violation INTEGER NOT NULL,
    span_start     INTEGER NOT NULL,
    span_end       INTEGER NOT NULL,
    evidence       TEXT NOT NULL,
    UNIQUE (document, idx)
);
CREATE INDEX reports_event ON reports(ledger_event);
CREATE INDEX reports_document ON reports(document);
CREATE INDEX reports_claimant ON reports(claimant_key, date_start);
CREATE INDEX reports_reject ON reports(target_key, date_start)
    WHERE event_type = 'REJECT';

CREATE VIRTUAL TABLE reports_fts USING fts5(evidence, content='reports', content_rowid='id');
CREATE TRIGGER reports_fts_insert AFTER INSERT ON reports BEGIN
    INSERT INTO reports_fts(rowid, evidence) VALUES (new.id, new.evidence);
END;
CREATE TRIGGER reports_fts_delete BEFORE DELETE ON reports BEGIN
    INSERT INTO reports_fts(reports_fts, rowid, evidence) VALUES ('delete', old.id, old.evidence);
END;

CREATE TABLE denials (
    reject_report INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
    event         INTEGER NOT NULL REFERENCES ledger_events(id) ON DELETE CASCADE,
    PRIMARY KEY (reject_report, event)
) WITHOUT ROWID;
CREATE INDEX denials_event ON denials(event);

CREATE TABLE figures (
    id               INTEGER PRIMARY KEY,
    document         INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx              INTEGER NOT NULL,
    report           INTEGER REFERENCES reports(id) ON DELETE SET NULL,
    what             TEXT NOT NULL,
    min              INTEGER NOT NULL,
    max              INTEGER,
    unit             TEXT NOT NULL,
    civilian         INTEGER,
    claimant         TEXT,
    claimant_country TEXT,
    party            TEXT,
    date             TEXT,
    countries        TEXT NOT NULL,
    span_start       INTEGER NOT NULL,
    span_end         INTEGER NOT NULL,
    UNIQUE (document, idx)
);
CREATE INDEX figures_date ON figures(what, date);
CREATE INDEX figures_report ON figures(report);
CREATE INDEX figures_document ON figures(document);

CREATE TABLE ceasefires (
    id       INTEGER PRIMARY KEY,
    origin   TEXT NOT NULL,
    parties  TEXT NOT NULL,
    start    TEXT NOT NULL,
    end_date TEXT,
    area     TEXT,
    event    INTEGER,
    note     TEXT
);
CREATE INDEX ceasefires_parties ON ceasefires(parties, start);

CREATE TABLE state (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO state(key, value) VALUES ('change', 0);
"#,
    // 2: keep `documents` rows small (they are joined everywhere): the text,
    // the annotations and the MinHash signature move to tables of their
    // own; the full-text index becomes contentless.
    r#"
CREATE TABLE document_texts (
    document    INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    text        TEXT NOT NULL,
    annotations TEXT NOT NULL
);
INSERT INTO document_texts (document, text, annotations)
    SELECT id, text, annotations FROM documents;

CREATE TABLE document_signatures (
    document INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    minhash  BLOB NOT NULL
);
INSERT INTO document_signatures (document, minhash)
    SELECT id, minhash FROM documents WHERE minhash IS NOT NULL;

DROP TRIGGER documents_fts_insert;
DROP TRIGGER documents_fts_delete;
DROP TABLE documents_fts;
ALTER TABLE documents DROP COLUMN text;
ALTER TABLE documents DROP COLUMN annotations;
ALTER TABLE documents DROP COLUMN minhash;

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='', contentless_delete=1
);
INSERT INTO documents_fts (rowid, title, text)
    SELECT t.document, d.title, t.text FROM document_texts t JOIN documents d ON d.id = t.document;
CREATE TRIGGER document_texts_fts_insert AFTER INSERT ON document_texts BEGIN
    INSERT INTO documents_fts (rowid, title, text)
        VALUES (new.document, (SELECT title FROM documents WHERE id = new.document), new.text);
END;
CREATE TRIGGER document_texts_fts_delete AFTER DELETE ON document_texts BEGIN
    DELETE FROM documents_fts WHERE rowid = old.document;
END;
"#,
    // 3: truces found in the reporting are flagged and indexed, and the
    // merge lookup index covers the anchor's end day.
    r#"
ALTER TABLE ledger_events ADD COLUMN truce INTEGER NOT NULL DEFAULT 0;
UPDATE ledger_events SET truce = 1
    WHERE event_type IN ('AGREE', 'RETREAT')
      AND id IN (SELECT ledger_event FROM reports WHERE mode = 'ceasefire');
CREATE INDEX ledger_events_truce ON ledger_events(source_key, target_key, date_start)
    WHERE truce = 1;
DROP INDEX ledger_events_key;
CREATE INDEX ledger_events_anchor
    ON ledger_events(event_type, source_key, target_key, anchor_start, anchor_end);
"#,
    // 4: the truce index covers what truce derivation reads.
    r#"
DROP INDEX ledger_events_truce;
CREATE INDEX ledger_events_truce_cover
    ON ledger_events(source_key, target_key, date_start, n_reports, place_name, place_country)
    WHERE truce = 1;
"#,
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Bring the database up to [`SCHEMA_VERSION`], one transaction per step.
///
/// The version is read inside each write transaction, so two processes
/// opening a new ledger at once do not both apply the same step.
pub fn migrate(conn: &mut Connection) -> Result<(), LedgerError> {
    loop {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if current > SCHEMA_VERSION {
            return Err(LedgerError::SchemaTooNew {
                found: current,
                supported: SCHEMA_VERSION,
            });
        }
        let Some(sql) = MIGRATIONS.get(current as usize) else {
            tx.commit()?;
            return Ok(());
        };
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", current + 1)?;
        tx.commit()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrating_twice_is_a_no_op() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        migrate(&mut conn).unwrap();
        let v: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(v, SCHEMA_VERSION);
    }

    #[test]
    fn version_one_data_survives_the_move_to_version_two() {
        let mut conn = Connection::open_in_memory().unwrap();
        let tx = conn.transaction().unwrap();
        tx.execute_batch(MIGRATIONS[0]).unwrap();
        tx.pragma_update(None, "user_version", 1).unwrap();
        tx.execute(
            "INSERT INTO documents (doc_id, origin, raw_hash, text, annotations, minhash,
                                    wire_group, ingested_at, title)
             VALUES ('d', 'd.txt', 'h', 'Shelling in Martuni', '{}', x'00', 1, 'now', 'T')",
            [],
        )
        .unwrap();
        tx.commit().unwrap();
        migrate(&mut conn).unwrap();
        let (text, sig): (String, Vec<u8>) = conn
            .query_row(
                "SELECT t.text, s.minhash FROM document_texts t
                 JOIN document_signatures s ON s.document = t.document",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(
            (text.as_str(), sig.as_slice()),
            ("Shelling in Martuni", &[0u8][..])
        );
        let hit: i64 = conn
            .query_row(
                "SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'martuni'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(hit, 1);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        assert!(matches!(
            migrate(&mut conn),
            Err(LedgerError::SchemaTooNew { .. })
        ));
    }
}
