//! Merging, corroboration, denial links, ceasefires and tallies on
//! hand-built annotated documents (independent of extraction quality).

use chrono::NaiveDate;
use truce_document::*;
use truce_ledger::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn party(name: &str, country: &str, sector: Sector) -> Party {
    Party {
        name: name.into(),
        country: Some(country.into()),
        sector: Some(sector),
    }
}

fn arm_mod() -> Party {
    party("Armenian defence ministry", "ARM", Sector::Mil)
}
fn aze_mod() -> Party {
    party("Azerbaijani defence ministry", "AZE", Sector::Mil)
}
fn aze_forces() -> Party {
    party("Azerbaijani forces", "AZE", Sector::Mil)
}
fn arm_forces() -> Party {
    party("Armenian forces", "ARM", Sector::Mil)
}

fn martuni() -> EventPlace {
    EventPlace {
        name: "Martuni".into(),
        country: "AZ".into(),
        lat: Some(39.795),
        lon: Some(47.115),
    }
}

fn terter() -> EventPlace {
    EventPlace {
        name: "Terter".into(),
        country: "AZ".into(),
        lat: Some(40.342),
        lon: Some(47.149),
    }
}

/// A document builder: sentences are appended, events and figures point at them.
struct Doc {
    doc: Document,
}

impl Doc {
    fn new(id: &str, outlet: &str, published: &str) -> Doc {
        Doc {
            doc: Document {
                doc_id: id.into(),
                origin: format!("{id}.txt"),
                format: Some(Format::Text),
                meta: Metadata {
                    title: Some(format!("Story {id}")),
                    published: Some(day(published)),
                    url: Some(format!("https://news.example/{id}")),
                    outlet: Some(outlet.into()),
                },
                ..Default::default()
            },
        }
    }

    fn url(mut self, url: &str) -> Doc {
        self.doc.meta.url = Some(url.into());
        self
    }

    fn sentence(&mut self, s: &str) -> Span {
        if !self.doc.text.is_empty() {
            self.doc.text.push(' ');
        }
        let start = self.doc.text.len();
        self.doc.text.push_str(s);
        let span = Span::new(start, self.doc.text.len());
        self.doc.ann.sentences.push(span);
        span
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &mut self,
        span: Span,
        t: EventType,
        mode: Option<&str>,
        source: Option<Party>,
        target: Option<Party>,
        date: &str,
        place: Option<EventPlace>,
        claimed_by: Option<Party>,
        status: Status,
    ) {
        self.doc.ann.events.push(Event {
            event_type: t,
            mode: mode.map(str::to_string),
            source,
            target,
            date: Some(DateRange::day(day(date))),
            place,
            claimed_by,
            status,
            ceasefire_violation: t == EventType::Assault,
            span,
        });
    }

    fn figure(
        &mut self,
        sentence: Span,
        phrase: &str,
        what: FigureKind,
        min: u64,
        by: Option<&str>,
    ) {
        let text = &self.doc.text[sentence.start..sentence.end];
        let at = sentence.start + text.find(phrase).expect("phrase in sentence");
        self.doc.ann.figures.push(Figure {
            what,
            min,
            max: Some(min),
            unit: "people".into(),
            civilian: None,
            claimed_by: by.map(str::to_string),
            span: Span::new(at, at + phrase.len()),
        });
    }

    fn actor(&mut self, p: &Party) {
        self.doc.ann.actors.push(Actor {
            name: p.name.clone(),
            country: p.country.clone(),
            sector: p.sector,
            mentions: vec![],
        });
    }

    fn done(self) -> NewDocument {
        NewDocument::from_document(self.doc)
    }
}

/// Outlet A: Armenia says Azerbaijan shelled Martuni on Monday 12 October.
fn claim_doc(id: &str, outlet: &str) -> Doc {
    let mut d = Doc::new(id, outlet, "2020-10-12");
    let s = d.sentence(
        "Armenia's defence ministry said Azerbaijani forces shelled the village of Martuni on \
         Monday, hours after a truce brokered in Moscow took effect.",
    );
    d.event(
        s,
        EventType::Assault,
        Some("heavy-weapons"),
        Some(aze_forces()),
        Some(party("Armenia", "ARM", Sector::Gov)),
        "2020-10-12",
        Some(martuni()),
        Some(arm_mod()),
        Status::Asserted,
    );
    d.event(
        s,
        EventType::Accuse,
        Some("allege"),
        Some(arm_mod()),
        Some(aze_forces()),
        "2020-10-12",
        None,
        None,
        Status::Reported,
    );
    let s2 = d.sentence(
        "The ministry's spokeswoman said two civilians were killed and the shelling lasted \
         several hours, while residents described explosions near the market of the town.",
    );
    d.figure(
        s2,
        "two civilians were killed",
        FigureKind::Killed,
        2,
        Some("Armenian defence ministry"),
    );
    d.actor(&arm_mod());
    d
}

/// Outlet B: the same claim, denied by Azerbaijan.
fn denial_doc(id: &str, outlet: &str) -> Doc {
    let mut d = Doc::new(id, outlet, "2020-10-12");
    let s = d.sentence(
        "Yerevan accused Azerbaijani troops of shelling Martuni early on Monday in breach of \
         the ceasefire.",
    );
    d.event(
        s,
        EventType::Assault,
        Some("heavy-weapons"),
        Some(aze_forces()),
        Some(party("Armenia", "ARM", Sector::Gov)),
        "2020-10-12",
        Some(martuni()),
        Some(arm_mod()),
        Status::Denied,
    );
    let s2 = d.sentence("Azerbaijan's defence ministry dismissed the claim as nonsense.");
    d.event(
        s2,
        EventType::Reject,
        Some("deny"),
        Some(aze_mod()),
        Some(arm_mod()),
        "2020-10-12",
        None,
        None,
        Status::Reported,
    );
    d
}

fn assaults(l: &Ledger) -> Vec<LedgerEvent> {
    l.events(
        &EventFilter {
            event_type: Some("ASSAULT".into()),
            ..Default::default()
        },
        Page::all(),
    )
    .unwrap()
}

fn temp_ledger() -> (tempfile::TempDir, Ledger) {
    let dir = tempfile::tempdir().unwrap();
    let l = Ledger::open(dir.path().join("t.db")).unwrap();
    (dir, l)
}

#[test]
fn a_claim_and_its_denial_in_two_outlets_are_one_event_with_both() {
    let (_d, l) = temp_ledger();
    l.ingest_documents(&[claim_doc("a", "Yerevan Courier").done()])
        .unwrap();
    l.ingest_documents(&[denial_doc("b", "Caspian Herald").done()])
        .unwrap();
    let evs = assaults(&l);
    assert_eq!(evs.len(), 1, "{evs:#?}");
    let e = &evs[0];
    assert_eq!(e.reports, 2);
    assert_eq!(e.documents, 2);
    assert_eq!(e.status, "denied");
    assert_eq!(e.asserted_by[0].country.as_deref(), Some("ARM"));
    assert_eq!(e.denied_by.len(), 1);
    assert_eq!(e.denied_by[0].country.as_deref(), Some("AZE"));
    // Armenia relayed by two outlets is still one source.
    assert_eq!(e.corroboration, 1);
    let detail = l.event(e.id).unwrap().unwrap();
    assert_eq!(detail.reports.len(), 2);
    assert_eq!(detail.denials.len(), 1);
    assert!(detail.denials[0].report.evidence.contains("nonsense"));
    let reject = l.event(detail.denials[0].reject_event_id).unwrap().unwrap();
    assert_eq!(reject.denies, vec![e.id]);
}

#[test]
fn a_denial_in_another_document_links_to_the_claim_whatever_the_order() {
    for denial_first in [false, true] {
        let (_d, l) = temp_ledger();
        let mut only_denial = Doc::new("c", "Baku Wire", "2020-10-12");
        let s = only_denial.sentence("Azerbaijan's defence ministry dismissed Armenia's claim.");
        only_denial.event(
            s,
            EventType::Reject,
            Some("deny"),
            Some(aze_mod()),
            Some(arm_mod()),
            "2020-10-12",
            None,
            None,
            Status::Reported,
        );
        let claim = claim_doc("a", "Yerevan Courier").done();
        let denial = only_denial.done();
        if denial_first {
            l.ingest_documents(std::slice::from_ref(&denial)).unwrap();
            l.ingest_documents(std::slice::from_ref(&claim)).unwrap();
        } else {
            l.ingest_documents(&[claim, denial]).unwrap();
        }
        let evs = assaults(&l);
        assert_eq!(evs.len(), 1);
        assert_eq!(evs[0].status, "denied", "denial first: {denial_first}");
        assert_eq!(evs[0].denied_by[0].country.as_deref(), Some("AZE"));
    }
}

#[test]
fn a_wire_copy_does_not_raise_corroboration_but_an_independent_witness_does() {
    let (_d, l) = temp_ledger();
    let mut a = Doc::new("afp1", "Moscow Daily", "2020-10-12");
    let s = a.sentence(
        "An AFP journalist in Martuni heard heavy shelling on Monday morning and saw smoke \
         rising from the eastern part of the town, hours after the truce took effect.",
    );
    a.event(
        s,
        EventType::Assault,
        None,
        Some(aze_forces()),
        Some(party("Armenia", "ARM", Sector::Gov)),
        "2020-10-12",
        Some(martuni()),
        Some(Party {
            name: "AFP journalist".into(),
            country: None,
            sector: Some(Sector::Med),
        }),
        Status::Observed,
    );
    a.sentence(
        "Both sides have accused each other of violating the agreement, which was reached \
         after ten hours of talks in the Russian capital.",
    );
    let original = a.done();
    // The same story in another outlet, lightly edited.
    let mut copy_doc = original.doc.clone();
    copy_doc.doc_id = "afp2".into();
    copy_doc.meta.outlet = Some("Tbilisi Times".into());
    copy_doc.meta.url = Some("https://other.example/afp2".into());
    copy_doc.text = copy_doc.text.replace("Both sides have", "Both sides had");
    let copy = NewDocument::from_document(copy_doc);
    let s1 = l.ingest_documents(&[original]).unwrap();
    let before = assaults(&l)[0].corroboration;
    let s2 = l.ingest_documents(&[copy]).unwrap();
    assert_eq!(s2.wire_copies, 1);
    assert_eq!(s2.outcomes[0].wire_group, s1.outcomes[0].document_id);
    let after = assaults(&l);
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].reports, 2);
    assert_eq!(after[0].corroboration, before);
    assert_eq!(before, 1);
    // An independent outlet's own reporter is a second source.
    let mut c = Doc::new("own", "Caucasus Monitor", "2020-10-12");
    let s = c.sentence("Our correspondent in Martuni saw shells land near the hospital on Monday.");
    c.event(
        s,
        EventType::Assault,
        None,
        Some(aze_forces()),
        Some(party("Armenia", "ARM", Sector::Gov)),
        "2020-10-12",
        Some(martuni()),
        Some(Party {
            name: "correspondent".into(),
            country: None,
            sector: Some(Sector::Med),
        }),
        Status::Observed,
    );
    l.ingest_documents(&[c.done()]).unwrap();
    assert_eq!(assaults(&l)[0].corroboration, 2);
    let doc = l.document(s1.outcomes[0].document_id).unwrap().unwrap();
    assert_eq!(doc.wire_copies.len(), 1);
}

#[test]
fn events_far_apart_or_on_distant_days_stay_separate() {
    let (_d, l) = temp_ledger();
    let mut d = Doc::new("x", "Outlet", "2020-10-14");
    let s = d.sentence(
        "Shelling hit Martuni on Monday and Terter on Monday, and Martuni again on Wednesday.",
    );
    for (date, place) in [
        ("2020-10-12", martuni()),
        ("2020-10-12", terter()),
        ("2020-10-14", martuni()),
    ] {
        d.event(
            s,
            EventType::Assault,
            None,
            Some(aze_forces()),
            Some(party("Armenia", "ARM", Sector::Gov)),
            date,
            Some(place),
            Some(arm_mod()),
            Status::Asserted,
        );
    }
    // The same dyad reversed is another event.
    d.event(
        s,
        EventType::Assault,
        None,
        Some(arm_forces()),
        Some(party("Azerbaijan", "AZE", Sector::Gov)),
        "2020-10-12",
        Some(martuni()),
        Some(aze_mod()),
        Status::Asserted,
    );
    l.ingest_documents(&[d.done()]).unwrap();
    assert_eq!(assaults(&l).len(), 4);
}

#[test]
fn reingesting_adds_nothing_and_a_new_version_of_a_url_replaces_the_old() {
    let (_d, l) = temp_ledger();
    let a = claim_doc("a", "Yerevan Courier")
        .url("https://news.example/story")
        .done();
    l.ingest_documents(std::slice::from_ref(&a)).unwrap();
    let before = l.stats().unwrap();
    let again = l.ingest_documents(std::slice::from_ref(&a)).unwrap();
    assert_eq!((again.added, again.unchanged), (0, 1));
    let same = l.stats().unwrap();
    assert_eq!(before.documents, same.documents);
    assert_eq!(before.events, same.events);
    assert_eq!(before.change, same.change);
    // A corrected version of the same URL: the claim now concerns Terter.
    let mut v2 = claim_doc("a", "Yerevan Courier").url("https://news.example/story");
    v2.doc.text.push_str(" (Corrected.)");
    v2.doc.ann.events[0].place = Some(terter());
    let r = l.ingest_documents(&[v2.done()]).unwrap();
    assert_eq!(r.replaced, 1);
    let after = l.stats().unwrap();
    assert_eq!(after.documents, 1);
    assert_eq!(after.events, before.events);
    let evs = assaults(&l);
    assert_eq!(evs[0].place.as_ref().unwrap().name, "Terter");
}

#[test]
fn a_ceasefire_report_shows_each_sides_claims_on_the_right_day() {
    let (_d, l) = temp_ledger();
    let mut truce = Doc::new("truce", "Moscow Daily", "2020-10-10");
    let s = truce.sentence(
        "Armenia and Azerbaijan agreed early on Saturday to a ceasefire in Nagorno-Karabakh \
         after talks in Moscow.",
    );
    for (a, b) in [("ARM", "AZE"), ("AZE", "ARM")] {
        truce.event(
            s,
            EventType::Agree,
            Some("ceasefire"),
            Some(party(a, a, Sector::Gov)),
            Some(party(b, b, Sector::Gov)),
            "2020-10-10",
            None,
            None,
            Status::Reported,
        );
    }
    truce.doc.ann.places.push(truce_document::Place {
        name: "Nagorno-Karabakh".into(),
        country: "AZ".into(),
        kind: PlaceKind::Region,
        lat: Some(39.9),
        lon: Some(46.7),
        mentions: vec![Span::new(60, 76)],
    });
    let mut aze_claim = Doc::new("aze", "Baku Wire", "2020-10-12");
    let s = aze_claim.sentence("Azerbaijan said Armenian forces shelled Terter on Monday.");
    aze_claim.event(
        s,
        EventType::Assault,
        None,
        Some(arm_forces()),
        Some(party("Azerbaijan", "AZE", Sector::Gov)),
        "2020-10-12",
        Some(terter()),
        Some(aze_mod()),
        Status::Asserted,
    );
    l.ingest_documents(&[
        truce.done(),
        claim_doc("a", "Yerevan Courier").done(),
        aze_claim.done(),
        denial_doc("b", "Caspian Herald").done(),
    ])
    .unwrap();
    let cfs = l.ceasefires().unwrap();
    assert_eq!(cfs.len(), 1, "{cfs:#?}");
    let cf = &cfs[0];
    assert_eq!(cf.parties, vec!["ARM".to_string(), "AZE".to_string()]);
    assert_eq!(cf.start_date, day("2020-10-10"));
    assert_eq!(cf.area.as_deref(), Some("Nagorno-Karabakh"));
    let report = l.ceasefire_days(cf.id).unwrap().unwrap();
    assert_eq!(report.from, day("2020-10-10"));
    assert_eq!(report.to, day("2020-10-12"));
    let d12 = report
        .days
        .iter()
        .find(|d| d.date == day("2020-10-12"))
        .unwrap();
    let by = |p: &str| d12.asserted.iter().find(|a| a.party == p).unwrap().count;
    assert_eq!(by("ARM"), 1);
    assert_eq!(by("AZE"), 1);
    assert_eq!(d12.denied, 1);
    assert_eq!(d12.killed.map(|k| k.low), Some(2));
    let d10 = &report.days[0];
    assert_eq!(d10.events.len(), 0);
    // Declaring the same truce by hand supersedes the one found.
    let manual = l
        .add_ceasefire(&NewCeasefire {
            parties: vec!["aze".into(), "ARM".into()],
            start: "2020-10-10T12:00".into(),
            end: None,
            area: Some("Nagorno-Karabakh".into()),
            note: None,
        })
        .unwrap();
    let cfs = l.ceasefires().unwrap();
    assert_eq!(cfs.len(), 1);
    assert_eq!(cfs[0].id, manual.id);
    assert_eq!(cfs[0].origin, "manual");
    assert!(l
        .add_ceasefire(&NewCeasefire {
            parties: vec![],
            start: "2020-10-10".into(),
            end: None,
            area: None,
            note: None
        })
        .is_err());
}

#[test]
fn tally_counts_each_source_once_and_keeps_the_documents() {
    let (_d, l) = temp_ledger();
    l.ingest_documents(&[
        claim_doc("a", "Yerevan Courier").done(),
        claim_doc("a2", "Other Courier")
            .url("https://x.example/a2")
            .done(),
    ])
    .unwrap();
    let t = l.tally(&TallyFilter::default()).unwrap();
    assert_eq!(t.killed.by_party.len(), 1);
    let p = &t.killed.by_party[0];
    assert_eq!(p.sources, 1);
    assert_eq!(p.estimate.low, 2);
    assert_eq!(p.estimate.high, 2);
    assert_eq!(p.documents.len(), 2);
    let none = l
        .tally(&TallyFilter {
            country: Some("UKR".into()),
            ..Default::default()
        })
        .unwrap();
    assert!(none.killed.by_party.is_empty());
    let since = l
        .tally(&TallyFilter {
            since: Some(day("2020-10-13")),
            ..Default::default()
        })
        .unwrap();
    assert!(since.killed.by_party.is_empty());
}

#[test]
fn filters_and_exports() {
    let (_d, l) = temp_ledger();
    l.ingest_documents(&[
        claim_doc("a", "Yerevan Courier").done(),
        denial_doc("b", "Caspian Herald").done(),
    ])
    .unwrap();
    let near = |km: f64| EventFilter {
        near: Some(Near {
            lat: 39.80,
            lon: 47.10,
            km,
        }),
        ..Default::default()
    };
    assert_eq!(l.events(&near(5.0), Page::all()).unwrap().len(), 1);
    assert_eq!(l.events(&near(0.1), Page::all()).unwrap().len(), 0);
    let text = EventFilter {
        text: Some("nonsense".into()),
        ..Default::default()
    };
    let hits = l.events(&text, Page::all()).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].event_type, "REJECT");
    let country = EventFilter {
        country: Some("az".into()),
        ..Default::default()
    };
    assert_eq!(l.count_events(&country).unwrap(), l.stats().unwrap().events);
    assert!(l
        .events(
            &EventFilter {
                status: Some("bogus".into()),
                ..Default::default()
            },
            Page::all()
        )
        .is_err());

    let found = l.documents(Some("nonsense"), Page::default()).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].doc_id, "b");
    assert_eq!(l.documents(None, Page::default()).unwrap().len(), 2);
    let stored = l.document(found[0].id).unwrap().unwrap();
    assert_eq!(stored.annotations.events.len(), stored.event_ids.len());
    assert!(stored.event_ids.iter().all(Option::is_some));
    let first = stored.annotations.events[0].span;
    assert!(stored.text[first.start..first.end].contains("Martuni"));
    let mut geo = Vec::new();
    let n = l
        .export(ExportFormat::GeoJson, &EventFilter::default(), &mut geo)
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&geo).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let feats = v["features"].as_array().unwrap();
    assert_eq!(feats.len(), n);
    assert_eq!(n, 1);
    assert_eq!(feats[0]["geometry"]["coordinates"][0], 47.115);
    let mut csv = Vec::new();
    l.export(ExportFormat::Csv, &EventFilter::default(), &mut csv)
        .unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.starts_with("event_id,event_date,precision,type,mode,actor1,actor2,country,location,")
    );
    assert_eq!(csv.lines().count() as u64, 1 + l.stats().unwrap().events);
    let mut jsonl = Vec::new();
    l.export(ExportFormat::Jsonl, &EventFilter::default(), &mut jsonl)
        .unwrap();
    for line in String::from_utf8(jsonl).unwrap().lines() {
        let rec: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(rec["event"].is_string());
        assert!(rec["sources"].as_array().is_some_and(|s| !s.is_empty()));
    }
}

#[test]
fn the_ledger_is_shared_between_threads_and_announces_changes() {
    fn assert_sync<T: Send + Sync>() {}
    assert_sync::<Ledger>();
    let (_d, l) = temp_ledger();
    let rx = l.subscribe();
    let before = l.last_change().unwrap();
    std::thread::scope(|s| {
        s.spawn(|| {
            l.ingest_documents(&[claim_doc("a", "Yerevan Courier").done()])
                .unwrap()
        });
        s.spawn(|| {
            l.ingest_documents(&[denial_doc("b", "Caspian Herald").done()])
                .unwrap()
        });
        s.spawn(|| l.events(&EventFilter::default(), Page::default()).unwrap());
    });
    assert_eq!(l.last_change().unwrap(), before + 2);
    assert!(rx.try_recv().is_ok());
    assert_eq!(l.integrity_check().unwrap(), "ok");
    assert_eq!(assaults(&l).len(), 1);
    assert!(l.delete_document(1).unwrap());
    assert!(!l.delete_document(1).unwrap());
    assert_eq!(l.stats().unwrap().documents, 1);
}
