//! Development aid: show which element `clean_html` takes as the article body.
//!
//! Usage: `explain_html PAGE.html`

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: explain_html PAGE.html");
        std::process::exit(2);
    };
    match std::fs::read(&path) {
        Ok(bytes) => println!(
            "{}",
            truce_clean::html::explain(&String::from_utf8_lossy(&bytes))
        ),
        Err(e) => {
            eprintln!("error: {path}: {e}");
            std::process::exit(1);
        }
    }
}
