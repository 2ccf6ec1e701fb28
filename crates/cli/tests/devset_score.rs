//! Runs `truce extract --json` over the shared development set and scores it
//! with the shared scorer; fails when a score drops below the floor of the
//! extraction issue. Skips with a notice when `../shared` is absent.

use std::path::{Path, PathBuf};
use std::process::Command;

/// Floors from the extraction issue.
const OVERALL_FLOOR: f64 = 0.75;
const FACET_FLOOR: f64 = 0.65;

fn shared() -> Option<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if root.join("data/devset/gold.jsonl").is_file()
        && root.join("eval/score_extraction.py").is_file()
    {
        Some(root)
    } else {
        eprintln!("notice: ../shared is absent; skipping the devset score test");
        None
    }
}

fn python() -> Option<&'static str> {
    let ok = Command::new("python3")
        .arg("--version")
        .output()
        .map(|o| o.status.success())
        .unwrap_or(false);
    if !ok {
        eprintln!("notice: python3 is not available; skipping the devset score test");
    }
    ok.then_some("python3")
}

fn devset_inputs(devset: &Path) -> Vec<PathBuf> {
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(devset)
        .expect("read devset")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt" | "html" | "xml")
            )
        })
        .collect();
    inputs.sort();
    inputs
}

#[test]
fn devset_scores_stay_above_the_floor() {
    let (Some(shared), Some(py)) = (shared(), python()) else {
        return;
    };
    let devset = shared.join("data/devset");
    let out = Command::new(env!("CARGO_BIN_EXE_truce"))
        .arg("extract")
        .arg("--json")
        .args(devset_inputs(&devset))
        .output()
        .expect("run truce");
    assert!(
        out.status.success(),
        "truce extract failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let dir = std::env::temp_dir().join(format!("truce-devset-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let pred = dir.join("pred.jsonl");
    std::fs::write(&pred, &out.stdout).expect("write predictions");
    let scored = Command::new(py)
        .arg(shared.join("eval/score_extraction.py"))
        .arg(devset.join("gold.jsonl"))
        .arg(&pred)
        .arg("--json")
        .output()
        .expect("run scorer");
    assert!(
        scored.status.success(),
        "scorer failed: {}",
        String::from_utf8_lossy(&scored.stderr)
    );
    let result: serde_json::Value = serde_json::from_slice(&scored.stdout).expect("scorer JSON");
    let f1 = |facet: &str| result["facets"][facet]["f1"].as_f64().unwrap_or(0.0);
    let overall = result["overall_f1"].as_f64().unwrap_or(0.0);
    eprintln!(
        "devset: overall {overall:.4}  published {:.3}  places {:.3}  actors {:.3}  figures {:.3}  events {:.3}",
        f1("published"),
        f1("places"),
        f1("actors"),
        f1("figures"),
        f1("events")
    );
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        (f1("published") - 1.0).abs() < 1e-9,
        "published facet {} < 1.0",
        f1("published")
    );
    for facet in ["places", "figures", "events"] {
        assert!(
            f1(facet) >= FACET_FLOOR,
            "{facet} F1 {:.4} below the floor {FACET_FLOOR}",
            f1(facet)
        );
    }
    assert!(
        overall >= OVERALL_FLOOR,
        "overall F1 {overall:.4} below the floor {OVERALL_FLOOR}"
    );
}
