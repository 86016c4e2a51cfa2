//! Versioned schema migrations, run on every open (rusqlite_migration keeps the
//! version in `PRAGMA user_version`). Never edit a released migration: add one.

use rusqlite_migration::{M, Migrations};

pub fn migrations() -> Migrations<'static> {
    Migrations::new(list())
}

/// The schema version this program writes (a store with a higher one is from a newer
/// version: opened read-only).
pub fn latest() -> i64 {
    list().len() as i64
}

fn list() -> Vec<M<'static>> {
    vec![
        M::up(V1),
        M::up(V2),
        M::up(V3),
        M::up(V4),
        M::up(V5),
        M::up(V6),
        M::up(V7),
        M::up(V8),
        M::up(V9),
        M::up(V10),
        M::up(V11),
        M::up(V12),
    ]
}

const V1: &str = r#"
CREATE TABLE setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE notice (
    id          INTEGER PRIMARY KEY,
    title       TEXT NOT NULL CHECK (length(title) > 0),
    body        TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL CHECK (category IN
                  ('summer', 'winter', 'holiday', 'safety', 'service', 'event')),
    starts_at   TEXT NOT NULL,              -- UTC, RFC 3339
    ends_at     TEXT,                       -- UTC, RFC 3339; NULL = open-ended
    weekdays    INTEGER NOT NULL DEFAULT 0  -- bit 0 = Monday … bit 6 = Sunday; 0 = every day
                  CHECK (weekdays BETWEEN 0 AND 127),
    daily_from  INTEGER CHECK (daily_from BETWEEN 0 AND 1439),  -- local minutes
    daily_until INTEGER CHECK (daily_until BETWEEN 1 AND 1440),
    pinned      INTEGER NOT NULL DEFAULT 0,
    priority    INTEGER NOT NULL DEFAULT 0,
    published   INTEGER NOT NULL DEFAULT 1,
    poster      BLOB,                       -- PNG, already downscaled
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    CHECK (ends_at IS NULL OR ends_at > starts_at),
    CHECK ((daily_from IS NULL) = (daily_until IS NULL))
);

CREATE TABLE amenity (
    key        TEXT PRIMARY KEY,
    name_zh    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    position   INTEGER NOT NULL,
    status     TEXT NOT NULL DEFAULT 'ok'
                 CHECK (status IN ('ok', 'paused', 'out_of_stock', 'cleaning', 'repair')),
    note       TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);

INSERT INTO amenity (key, name_zh, name_en, position, updated_at) VALUES
    ('water',     '直饮水',     'Drinking water', 1, '1970-01-01T00:00:00Z'),
    ('fridge',    '冰箱',       'Fridge',         2, '1970-01-01T00:00:00Z'),
    ('microwave', '微波炉热饭', 'Microwave',      3, '1970-01-01T00:00:00Z'),
    ('medicine',  '应急药箱',   'Medicine kit',   4, '1970-01-01T00:00:00Z'),
    ('toilet',    '卫生间',     'Toilet',         5, '1970-01-01T00:00:00Z'),
    ('rest',      '休息区',     'Rest area',      6, '1970-01-01T00:00:00Z');

CREATE TABLE staff_credential (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    pin_hash TEXT NOT NULL,
    set_at   TEXT NOT NULL
);

CREATE TABLE staff_lockout (
    id           INTEGER PRIMARY KEY CHECK (id = 1),
    failed       INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT
);
INSERT INTO staff_lockout (id, failed) VALUES (1, 0);

CREATE TABLE audit_log (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    actor  TEXT NOT NULL,
    action TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT ''
);

CREATE TABLE usage_event (
    id     INTEGER PRIMARY KEY,
    at     TEXT NOT NULL,
    screen TEXT NOT NULL
);
CREATE INDEX usage_event_at ON usage_event (at);
"#;

/// Charging slots (充电口 / 电瓶位), their sessions and fault history.
const V2: &str = r#"
CREATE TABLE slot (
    id            INTEGER PRIMARY KEY,
    label         TEXT NOT NULL UNIQUE CHECK (length(label) BETWEEN 1 AND 8),
    connector     TEXT NOT NULL CHECK (connector IN
                    ('usb-c', 'lightning', 'micro-usb', 'wireless', 'battery')),
    note          TEXT NOT NULL DEFAULT '',     -- where it is: 靠窗第二个
    fed           INTEGER NOT NULL DEFAULT 0,   -- a hardware feed reports it
    position      INTEGER NOT NULL,
    fault_note    TEXT,                         -- staff marked it faulty (NULL = not)
    wrong_codes   INTEGER NOT NULL DEFAULT 0,
    locked        INTEGER NOT NULL DEFAULT 0,   -- five wrong codes: staff must open it
    feed_state    TEXT CHECK (feed_state IN ('free', 'charging', 'full', 'fault')),
    feed_note     TEXT NOT NULL DEFAULT '',
    feed_at       TEXT
);

CREATE TABLE charging_session (
    id         INTEGER PRIMARY KEY,
    slot_id    INTEGER NOT NULL REFERENCES slot (id) ON DELETE CASCADE,
    started_at TEXT NOT NULL,
    ended_at   TEXT,
    code       TEXT,                            -- the 4-digit release code (NULL if fed)
    source     TEXT NOT NULL CHECK (source IN ('kiosk', 'feed')),
    ended_by   TEXT CHECK (ended_by IN ('released', 'force_released', 'feed', 'expired')),
    CHECK ((ended_at IS NULL) = (ended_by IS NULL))
);
CREATE UNIQUE INDEX charging_session_open ON charging_session (slot_id) WHERE ended_at IS NULL;
CREATE INDEX charging_session_started ON charging_session (started_at);

CREATE TABLE slot_fault (
    id          INTEGER PRIMARY KEY,
    slot_id     INTEGER NOT NULL REFERENCES slot (id) ON DELETE CASCADE,
    at          TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    source      TEXT NOT NULL CHECK (source IN ('staff', 'feed')),
    repaired_at TEXT
);
CREATE INDEX slot_fault_at ON slot_fault (at);
"#;

/// Revision counters: every change to a topic's tables bumps its counter, from any
/// connection (kiosk, CLI, feed), so the kiosk re-reads only the part that changed.
const V3: &str = r#"
CREATE TABLE revision (
    topic TEXT PRIMARY KEY,
    n     INTEGER NOT NULL DEFAULT 0
);
INSERT INTO revision (topic) VALUES ('amenities'), ('notices'), ('slots');
CREATE TRIGGER revision_amenity_insert AFTER INSERT ON amenity
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'amenities'; END;
CREATE TRIGGER revision_amenity_update AFTER UPDATE ON amenity
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'amenities'; END;
CREATE TRIGGER revision_amenity_delete AFTER DELETE ON amenity
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'amenities'; END;
CREATE TRIGGER revision_notice_insert AFTER INSERT ON notice
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'notices'; END;
CREATE TRIGGER revision_notice_update AFTER UPDATE ON notice
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'notices'; END;
CREATE TRIGGER revision_notice_delete AFTER DELETE ON notice
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'notices'; END;
CREATE TRIGGER revision_slot_insert AFTER INSERT ON slot
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'slots'; END;
CREATE TRIGGER revision_slot_update AFTER UPDATE ON slot
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'slots'; END;
CREATE TRIGGER revision_slot_delete AFTER DELETE ON slot
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'slots'; END;
CREATE TRIGGER revision_charging_session_insert AFTER INSERT ON charging_session
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'slots'; END;
CREATE TRIGGER revision_charging_session_update AFTER UPDATE ON charging_session
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'slots'; END;
CREATE TRIGGER revision_charging_session_delete AFTER DELETE ON charging_session
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'slots'; END;
CREATE TRIGGER revision_slot_fault_insert AFTER INSERT ON slot_fault
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'slots'; END;
CREATE TRIGGER revision_slot_fault_update AFTER UPDATE ON slot_fault
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'slots'; END;
CREATE TRIGGER revision_slot_fault_delete AFTER DELETE ON slot_fault
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'slots'; END;
"#;

/// Micro-wishes (微心愿) and suggestions (意见建议), with their revision counters.
/// Phone numbers may be NULL: erased 90 days after a wish closes or a suggestion is
/// answered (the rows and their counts stay).
const V4: &str = r#"
CREATE TABLE wish (
    id             INTEGER PRIMARY KEY,
    number         TEXT NOT NULL UNIQUE CHECK (length(number) = 4),  -- W7K3, upper case
    kind           TEXT NOT NULL CHECK (kind IN
                     ('daily', 'work', 'education', 'health', 'hardship', 'other')),
    text           TEXT NOT NULL CHECK (length(text) > 0),
    surname        TEXT NOT NULL CHECK (length(surname) BETWEEN 1 AND 4),
    occupation     TEXT NOT NULL CHECK (occupation IN
                     ('courier', 'rider', 'sanitation', 'driver', 'other')),
    phone          TEXT,                       -- NULL once erased
    state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN
                     ('pending', 'open', 'claimed', 'fulfilled', 'archived', 'declined',
                      'withdrawn')),
    created_at     TEXT NOT NULL,              -- UTC, RFC 3339
    approved_at    TEXT,
    claimed_at     TEXT,
    fulfilled_at   TEXT,
    closed_at      TEXT,                       -- archived, declined or withdrawn
    decline_reason TEXT,
    donor          TEXT,                       -- NULL: anonymous (爱心人士)
    donor_phone    TEXT,                       -- NULL once erased (or no donor)
    thanks         TEXT,
    photo          BLOB,                       -- PNG, already downscaled
    CHECK ((state IN ('archived', 'declined', 'withdrawn')) = (closed_at IS NOT NULL)),
    CHECK (state <> 'declined' OR decline_reason IS NOT NULL)
);
CREATE INDEX wish_state ON wish (state, created_at);
CREATE INDEX wish_created ON wish (created_at);
CREATE INDEX wish_closed ON wish (closed_at) WHERE closed_at IS NOT NULL;

CREATE TABLE suggestion (
    id         INTEGER PRIMARY KEY,
    kind       TEXT NOT NULL CHECK (kind IN ('facility', 'service', 'safety', 'other')),
    text       TEXT NOT NULL CHECK (length(text) > 0),
    phone      TEXT,                           -- NULL: anonymous, or erased
    created_at TEXT NOT NULL,
    reply      TEXT,
    replied_at TEXT,
    published  INTEGER NOT NULL DEFAULT 0 CHECK (published IN (0, 1)),
    CHECK (published = 0 OR reply IS NOT NULL),
    CHECK ((reply IS NULL) = (replied_at IS NULL))
);
CREATE INDEX suggestion_created ON suggestion (created_at);
CREATE INDEX suggestion_replied ON suggestion (replied_at) WHERE published = 1;

INSERT INTO revision (topic) VALUES ('wishes'), ('suggestions');
CREATE TRIGGER revision_wish_insert AFTER INSERT ON wish
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'wishes'; END;
CREATE TRIGGER revision_wish_update AFTER UPDATE ON wish
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'wishes'; END;
CREATE TRIGGER revision_wish_delete AFTER DELETE ON wish
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'wishes'; END;
CREATE TRIGGER revision_suggestion_insert AFTER INSERT ON suggestion
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'suggestions'; END;
CREATE TRIGGER revision_suggestion_update AFTER UPDATE ON suggestion
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'suggestions'; END;
CREATE TRIGGER revision_suggestion_delete AFTER DELETE ON suggestion
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'suggestions'; END;
"#;

/// Reports from `slot simulate` (a pretend cabinet) are marked, so that what it does
/// never counts as a real session or fault, and it can undo it when it stops.
const V5: &str = r#"
ALTER TABLE charging_session
    ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1));
ALTER TABLE slot_fault
    ADD COLUMN simulated INTEGER NOT NULL DEFAULT 0 CHECK (simulated IN (0, 1));
"#;

/// Health details are the worker's to share: a wish's text shows on the public board only
/// when `text_public` (health wishes start private unless the worker agrees).
const V6: &str = r#"
ALTER TABLE wish ADD COLUMN text_public INTEGER NOT NULL DEFAULT 1 CHECK (text_public IN (0, 1));
"#;

/// Wrong release codes make the next try wait (30 s, then 2 min, then 10 min) instead of
/// locking the owner's phone in until staff come.
const V7: &str = r#"
ALTER TABLE slot ADD COLUMN code_wait_until TEXT;
"#;

/// The reading corner (阅读角): books, their staff-managed categories, loans on trust and
/// books a visitor put back that were never lent here (入架, for staff to confirm).
/// Categories are the station's own list (the demo seeds one). A loan's surname and
/// phone tail are erased 90 days after it closes; the row stays for the statistics.
const V8: &str = r#"
CREATE TABLE book_category (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 12),
    position INTEGER NOT NULL
);

CREATE TABLE book (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
    author          TEXT NOT NULL DEFAULT '',
    publisher       TEXT,
    year            INTEGER,
    isbn            TEXT UNIQUE CHECK (isbn IS NULL OR length(isbn) = 13),  -- ISBN-13 digits
    category_id     INTEGER REFERENCES book_category (id) ON DELETE SET NULL,
    shelf           TEXT NOT NULL DEFAULT '',   -- B 架第 2 层
    copies          INTEGER NOT NULL CHECK (copies BETWEEN 0 AND 999),
    summary         TEXT NOT NULL DEFAULT '',
    cover           TEXT,                       -- file name under <data-dir>/covers/
    title_py        TEXT NOT NULL,              -- hong'lou'meng
    title_initials  TEXT NOT NULL,              -- hlm
    author_py       TEXT NOT NULL,
    author_initials TEXT NOT NULL,
    added_at        TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX book_category_id ON book (category_id);

CREATE TABLE loan (
    id         INTEGER PRIMARY KEY,
    book_id    INTEGER NOT NULL REFERENCES book (id) ON DELETE CASCADE,
    surname    TEXT CHECK (surname IS NULL OR length(surname) BETWEEN 1 AND 4),
    phone_tail TEXT CHECK (phone_tail IS NULL OR length(phone_tail) = 4),
    lent_at    TEXT NOT NULL,
    due        TEXT NOT NULL,                   -- local date, YYYY-MM-DD
    closed_at  TEXT,
    outcome    TEXT CHECK (outcome IN ('returned', 'lost')),
    CHECK ((closed_at IS NULL) = (outcome IS NULL)),
    CHECK (closed_at IS NOT NULL OR (surname IS NOT NULL AND phone_tail IS NOT NULL))
);
CREATE INDEX loan_open ON loan (book_id) WHERE closed_at IS NULL;
CREATE INDEX loan_lent ON loan (lent_at);
CREATE INDEX loan_closed ON loan (closed_at) WHERE surname IS NOT NULL;

CREATE TABLE visitor_return (
    id           INTEGER PRIMARY KEY,
    book_id      INTEGER NOT NULL REFERENCES book (id) ON DELETE CASCADE,
    at           TEXT NOT NULL,
    confirmed_at TEXT
);

INSERT INTO revision (topic) VALUES ('books');
CREATE TRIGGER revision_book_category_insert AFTER INSERT ON book_category
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'books'; END;
CREATE TRIGGER revision_book_category_update AFTER UPDATE ON book_category
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'books'; END;
CREATE TRIGGER revision_book_category_delete AFTER DELETE ON book_category
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'books'; END;
CREATE TRIGGER revision_book_insert AFTER INSERT ON book
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'books'; END;
CREATE TRIGGER revision_book_update AFTER UPDATE ON book
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'books'; END;
CREATE TRIGGER revision_book_delete AFTER DELETE ON book
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'books'; END;
CREATE TRIGGER revision_loan_insert AFTER INSERT ON loan
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'books'; END;
CREATE TRIGGER revision_loan_update AFTER UPDATE ON loan
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'books'; END;
CREATE TRIGGER revision_loan_delete AFTER DELETE ON loan
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'books'; END;
CREATE TRIGGER revision_visitor_return_insert AFTER INSERT ON visitor_return
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'books'; END;
CREATE TRIGGER revision_visitor_return_update AFTER UPDATE ON visitor_return
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'books'; END;
CREATE TRIGGER revision_visitor_return_delete AFTER DELETE ON visitor_return
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'books'; END;
"#;

/// Numbers are six digits now (`382914`, shown `382 914`), since many older workers
/// cannot read back Latin letters; numbers given before (`W7K3`) stay. The wish table is
/// rebuilt for its CHECK (SQLite cannot alter one), with its indexes and triggers. A
/// suggestion gets a number as a wish does (unique across both), so a worker can ask at
/// the kiosk whether it has been answered; older suggestions have none.
const V9: &str = r#"
CREATE TABLE wish_v9 (
    id             INTEGER PRIMARY KEY,
    number         TEXT NOT NULL UNIQUE CHECK (length(number) BETWEEN 4 AND 8),
    kind           TEXT NOT NULL CHECK (kind IN
                     ('daily', 'work', 'education', 'health', 'hardship', 'other')),
    text           TEXT NOT NULL CHECK (length(text) > 0),
    surname        TEXT NOT NULL CHECK (length(surname) BETWEEN 1 AND 4),
    occupation     TEXT NOT NULL CHECK (occupation IN
                     ('courier', 'rider', 'sanitation', 'driver', 'other')),
    phone          TEXT,
    state          TEXT NOT NULL DEFAULT 'pending' CHECK (state IN
                     ('pending', 'open', 'claimed', 'fulfilled', 'archived', 'declined',
                      'withdrawn')),
    created_at     TEXT NOT NULL,
    approved_at    TEXT,
    claimed_at     TEXT,
    fulfilled_at   TEXT,
    closed_at      TEXT,
    decline_reason TEXT,
    donor          TEXT,
    donor_phone    TEXT,
    thanks         TEXT,
    photo          BLOB,
    text_public    INTEGER NOT NULL DEFAULT 1 CHECK (text_public IN (0, 1)),
    CHECK ((state IN ('archived', 'declined', 'withdrawn')) = (closed_at IS NOT NULL)),
    CHECK (state <> 'declined' OR decline_reason IS NOT NULL)
);
INSERT INTO wish_v9 (id, number, kind, text, surname, occupation, phone, state, created_at,
        approved_at, claimed_at, fulfilled_at, closed_at, decline_reason, donor, donor_phone,
        thanks, photo, text_public)
    SELECT id, number, kind, text, surname, occupation, phone, state, created_at,
        approved_at, claimed_at, fulfilled_at, closed_at, decline_reason, donor, donor_phone,
        thanks, photo, text_public
    FROM wish;
DROP TABLE wish;
ALTER TABLE wish_v9 RENAME TO wish;
CREATE INDEX wish_state ON wish (state, created_at);
CREATE INDEX wish_created ON wish (created_at);
CREATE INDEX wish_closed ON wish (closed_at) WHERE closed_at IS NOT NULL;
CREATE TRIGGER revision_wish_insert AFTER INSERT ON wish
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'wishes'; END;
CREATE TRIGGER revision_wish_update AFTER UPDATE ON wish
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'wishes'; END;
CREATE TRIGGER revision_wish_delete AFTER DELETE ON wish
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'wishes'; END;

ALTER TABLE suggestion ADD COLUMN number TEXT;
CREATE UNIQUE INDEX suggestion_number ON suggestion (number) WHERE number IS NOT NULL;
"#;

/// Day one from the screen (issue 25): the station's name and the line under it, set by
/// staff (read with the notices, so their changes bump that topic); and a new store gets
/// a reading corner's categories to start from (editable, removable while unused) — an
/// existing store that has none gets them too, one that has some keeps its own.
const V10: &str = r#"
CREATE TABLE station (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    name       TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
    line       TEXT CHECK (line IS NULL OR length(line) BETWEEN 1 AND 30),
    updated_at TEXT NOT NULL
);
CREATE TRIGGER revision_station_insert AFTER INSERT ON station
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'notices'; END;
CREATE TRIGGER revision_station_update AFTER UPDATE ON station
BEGIN UPDATE revision SET n = n + 1 WHERE topic = 'notices'; END;

INSERT INTO book_category (name, position)
    SELECT name, position FROM (
        SELECT '党建工会' AS name, 1 AS position UNION ALL
        SELECT '法律维权', 2 UNION ALL
        SELECT '健康急救', 3 UNION ALL
        SELECT '交通安全', 4 UNION ALL
        SELECT '生活技能', 5 UNION ALL
        SELECT '文学小说', 6 UNION ALL
        SELECT '少儿读物', 7 UNION ALL
        SELECT '期刊杂志', 8
    )
    WHERE NOT EXISTS (SELECT 1 FROM book_category);
"#;

/// Waits immune to clock changes (#21 item 8): beside each wall-clock end, the boot
/// clock's (`<boot id> <ms>`, see `deadline.rs`). Wrong number-and-digits pairs counted
/// per wish or suggestion and for the kiosk as a whole (#21 item 9), no longer in one
/// global counter that any success reset.
const V11: &str = r#"
ALTER TABLE slot ADD COLUMN code_wait_mono TEXT;
ALTER TABLE staff_lockout ADD COLUMN locked_mono TEXT;

CREATE TABLE guess_miss (
    target       TEXT PRIMARY KEY,          -- 'wish W-0012', 'suggestion S-0003', 'kiosk'
    misses       INTEGER NOT NULL DEFAULT 0,
    window_until TEXT NOT NULL,             -- UTC: misses count until then
    window_mono  TEXT,
    locked_until TEXT,
    locked_mono  TEXT
);
DELETE FROM setting WHERE key IN
    ('wish_withdraw.misses', 'wish_withdraw.first_miss', 'wish_withdraw.locked_until');
"#;

/// What the monthly report (issue 19) counts and today's store did not keep: visits (the
/// first touch after the kiosk was idle, counted per UTC hour — screen sessions, not
/// people) and every change of an amenity's status with its time (the store kept only
/// the current one), recorded by a trigger whatever path changes it.
const V12: &str = r#"
CREATE TABLE visit (
    hour TEXT PRIMARY KEY,                  -- UTC, the hour's start: 2026-12-07T08:00:00Z
    n    INTEGER NOT NULL CHECK (n >= 0)
);

CREATE TABLE amenity_change (
    id      INTEGER PRIMARY KEY,
    amenity TEXT NOT NULL,
    status  TEXT NOT NULL,
    at      TEXT NOT NULL                   -- UTC: the amenity's updated_at
);
CREATE INDEX amenity_change_at ON amenity_change (at);
CREATE TRIGGER amenity_change_log AFTER UPDATE OF status ON amenity
    WHEN NEW.status IS NOT OLD.status
BEGIN
    INSERT INTO amenity_change (amenity, status, at) VALUES (NEW.key, NEW.status, NEW.updated_at);
END;
"#;
