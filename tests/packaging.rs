//! What the Debian package ships besides the binary, checked against the code it describes:
//! the man pages (made from the CLI's own clap definitions) and the Debian changelog.
//!
//! `UPDATE_MAN=1 cargo test --test packaging` rewrites `packaging/man/` after a change to
//! the command line; without it a difference fails and names the page.

use clap::CommandFactory;
use relay_kiosk::cli::Cli;
use std::collections::BTreeMap;
use std::path::Path;

const MAN_DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/packaging/man");
const CHANGELOG: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/packaging/debian/changelog");
const MANUAL: &str = "relay-kiosk manual";

/// What the top page says beyond the options: where the data is, the environment, and
/// the pages of the commands.
fn top_page_sections(commands: &[String]) -> String {
    let see_also = commands
        .iter()
        .map(|c| format!("\\fB{}\\fR(1)", c.replace('-', "\\-")))
        .collect::<Vec<_>>()
        .join(",\n");
    format!(
        r#".SH FILES
.TP
\fI/var/lib/relay\-kiosk/\fR
The data directory of the packaged kiosk (the unit sets \fBRELAY_KIOSK_DATA_DIR\fR to it).
Run the commands there as its owner, e.g.
\fBsudo \-u relay\-kiosk relay\-kiosk \-\-data\-dir /var/lib/relay\-kiosk doctor\fR.
.TP
\fIrelay\-kiosk.sqlite3\fR
The store (SQLite, WAL) in the data directory: notices, amenities, slots, books,
loans, wishes, suggestions, the staff PIN. Only its owner may read it (0600).
.TP
\fIconfig.toml\fR
The station's settings in the data directory, written with defaults at the first start;
\fI/usr/share/doc/relay\-kiosk/config.toml.example\fR explains each one.
.TP
\fIbackups/\fR
Daily and on\-demand copies of the store (see \fBrelay\-kiosk\-backup\fR(1)).
.SH ENVIRONMENT
.TP
\fBRELAY_KIOSK_DATA_DIR\fR
The data directory, as \fB\-\-data\-dir\fR.
.TP
\fBRUST_LOG\fR
What the log on stderr shows (default: information from the kiosk, warnings from the rest).
.SH "SEE ALSO"
{see_also},
\fBcage\fR(1)
"#
    )
}

/// Every page, by file name: the top one and one per command and subcommand, as
/// `clap_mangen::generate_to` names them (`relay-kiosk-book-import.1`).
fn pages() -> BTreeMap<String, String> {
    // `build` names each subcommand for its page (`relay-kiosk-book-import`).
    fn walk(cmd: &clap::Command, out: &mut Vec<(String, clap::Command)>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            walk(sub, out);
            let name = sub.get_display_name().unwrap_or(sub.get_name());
            out.push((name.to_string(), sub.clone()));
        }
    }
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    let mut subs = Vec::new();
    walk(&cmd, &mut subs);
    subs.sort_by(|a, b| a.0.cmp(&b.0));
    let mut pages = BTreeMap::new();
    let version = cmd.get_version().unwrap_or_default().to_string();
    let source = format!("relay-kiosk {version}");
    for (name, sub) in &subs {
        let mut text = Vec::new();
        clap_mangen::Man::new(sub.clone())
            .source(source.clone())
            .manual(MANUAL)
            .render(&mut text)
            .unwrap();
        pages.insert(format!("{name}.1"), String::from_utf8(text).unwrap());
    }
    // The top page: clap's sections, then where the data is, then the version.
    let man = clap_mangen::Man::new(cmd).source(source).manual(MANUAL);
    let mut top = Vec::new();
    man.render_title(&mut top).unwrap();
    man.render_name_section(&mut top).unwrap();
    man.render_synopsis_section(&mut top).unwrap();
    man.render_description_section(&mut top).unwrap();
    man.render_options_section(&mut top).unwrap();
    man.render_subcommands_section(&mut top).unwrap();
    let mut top = String::from_utf8(top).unwrap();
    // Each group's page, not each leaf's: those are named on the group's page.
    let groups: Vec<String> = subs
        .iter()
        .map(|(n, _)| n.clone())
        .filter(|n| n.matches('-').count() == 2)
        .collect();
    top.push_str(&top_page_sections(&groups));
    let mut version = Vec::new();
    man.render_version_section(&mut version).unwrap();
    top.push_str(&String::from_utf8(version).unwrap());
    pages.insert("relay-kiosk.1".to_string(), top);
    pages
}

#[test]
fn man_pages_are_made_from_the_command_line() {
    let want = pages();
    let dir = Path::new(MAN_DIR);
    if std::env::var_os("UPDATE_MAN").is_some() {
        if dir.exists() {
            std::fs::remove_dir_all(dir).unwrap();
        }
        std::fs::create_dir_all(dir).unwrap();
        for (name, text) in &want {
            std::fs::write(dir.join(name), text).unwrap();
        }
    }
    let mut have = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("packaging/man/ exists") {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        have.insert(name, std::fs::read_to_string(&path).unwrap());
    }
    let stale: Vec<&String> = want
        .keys()
        .filter(|n| have.get(*n) != want.get(*n))
        .chain(have.keys().filter(|n| !want.contains_key(*n)))
        .collect();
    assert!(
        stale.is_empty(),
        "packaging/man/ differs from the command line in {stale:?}: \
         run `UPDATE_MAN=1 cargo test --test packaging` and commit the pages"
    );
    // The pages say what the help says, and the top one leads to the others.
    let top = &want["relay-kiosk.1"];
    assert!(top.contains("\\-\\-data\\-dir"), "{top}");
    assert!(top.contains("\\fBrelay\\-kiosk\\-book\\fR(1)"), "{top}");
    let import = &want["relay-kiosk-book-import.1"];
    assert!(import.contains("\\-\\-create\\-categories"), "{import}");
}

/// The first line of the Debian changelog names the package's version (cargo-deb makes it
/// `<Cargo version>-1`), and the entry ends with a maintainer line and an RFC 2822 date.
#[test]
fn debian_changelog_names_this_version() {
    let text = std::fs::read_to_string(CHANGELOG).expect("packaging/debian/changelog");
    let first = text.lines().next().unwrap();
    let want = format!("relay-kiosk ({}-1) ", env!("CARGO_PKG_VERSION"));
    assert!(
        first.starts_with(&want) && first.ends_with("; urgency=medium"),
        "the changelog's first line `{first}` must start with `{want}`: add an entry for this version"
    );
    let trailer = text
        .lines()
        .find(|l| l.starts_with(" -- "))
        .expect("a ` -- Name <email>  date` line");
    let (who, date) = trailer[4..]
        .split_once("  ")
        .expect("two spaces before the date");
    assert!(who.contains('<') && who.ends_with('>'), "{trailer}");
    chrono::DateTime::parse_from_rfc2822(date)
        .unwrap_or_else(|e| panic!("`{date}` is not an RFC 2822 date: {e}"));
    let maintainer = include_str!("../Cargo.toml")
        .lines()
        .find_map(|l| l.strip_prefix("maintainer = \""))
        .and_then(|l| l.strip_suffix('"'))
        .unwrap();
    assert_eq!(
        who, maintainer,
        "the changelog's maintainer is the package's"
    );
}

/// Every option and argument says what it is for, in `--help` and so in the man pages.
#[test]
fn every_argument_has_help() {
    fn walk(cmd: &clap::Command, missing: &mut Vec<String>) {
        for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            if arg.get_help().is_none() && arg.get_long_help().is_none() {
                let name = cmd.get_display_name().unwrap_or(cmd.get_name());
                missing.push(format!("{name} {}", arg.get_id()));
            }
        }
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            if sub.get_about().is_none() {
                missing.push(format!(
                    "{} (the command itself)",
                    sub.get_display_name().unwrap_or(sub.get_name())
                ));
            }
            walk(sub, missing);
        }
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut missing = Vec::new();
    walk(&cmd, &mut missing);
    assert!(missing.is_empty(), "no help text: {missing:#?}");
}
