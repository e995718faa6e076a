namespace Tahaluf.Storage.Sqlite;

/// <summary>
/// The schema, as numbered migrations. Plain SQL shared in spirit with the PostgreSQL store: no
/// engine-specific features in the core tables. Times are UTC ticks (100 ns since 0001-01-01).
/// </summary>
internal static class SqliteSchema
{
    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE partners (
            id TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            names_json TEXT NOT NULL,
            public_key BLOB,
            token_hash BLOB NOT NULL,
            created_at INTEGER NOT NULL);
        CREATE UNIQUE INDEX partners_token_hash ON partners (token_hash);
        CREATE TABLE agreements (
            owner TEXT NOT NULL,
            recipient TEXT NOT NULL,
            kind TEXT NOT NULL,
            level TEXT NOT NULL,
            PRIMARY KEY (owner, recipient, kind));
        CREATE TABLE items (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            owner TEXT NOT NULL,
            version INTEGER NOT NULL,
            state TEXT NOT NULL,
            body_json TEXT NOT NULL,
            body_hash BLOB NOT NULL,
            updated_at INTEGER NOT NULL,
            ledger_index INTEGER NOT NULL,
            PRIMARY KEY (kind, id));
        CREATE TABLE item_versions (
            kind TEXT NOT NULL,
            id TEXT NOT NULL,
            version INTEGER NOT NULL,
            owner TEXT NOT NULL,
            state TEXT NOT NULL,
            body_json TEXT NOT NULL,
            body_hash BLOB NOT NULL,
            updated_at INTEGER NOT NULL,
            ledger_index INTEGER NOT NULL,
            PRIMARY KEY (kind, id, version));
        CREATE TABLE conflicts (
            id TEXT PRIMARY KEY,
            state TEXT NOT NULL,
            opened_at INTEGER NOT NULL,
            closed_at INTEGER,
            body_json TEXT NOT NULL);
        CREATE TABLE notifications (
            id TEXT PRIMARY KEY,
            recipient TEXT NOT NULL,
            state TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            deadline_at INTEGER,
            body_json TEXT NOT NULL);
        CREATE INDEX notifications_recipient ON notifications (recipient, created_at);
        CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            time INTEGER NOT NULL,
            type TEXT NOT NULL,
            subject_kind TEXT NOT NULL,
            subject_id TEXT NOT NULL,
            payload_json TEXT NOT NULL);
        CREATE TABLE ledger (
            idx INTEGER PRIMARY KEY,
            leaf BLOB NOT NULL,
            salt BLOB NOT NULL,
            content BLOB NOT NULL,
            subject TEXT NOT NULL);
        CREATE TABLE track_points (
            track_id TEXT NOT NULL,
            owner TEXT NOT NULL,
            time INTEGER NOT NULL,
            lat REAL NOT NULL,
            lng REAL NOT NULL,
            altitude_m REAL NOT NULL,
            course_deg REAL NOT NULL,
            speed_mps REAL NOT NULL,
            vertical_rate_mps REAL NOT NULL,
            PRIMARY KEY (track_id, time));
        """,
        """
        CREATE TABLE webhooks (
            partner TEXT PRIMARY KEY,
            url TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            cursor INTEGER NOT NULL);
        """,

        // A page fewer in about a third of the commits (a commit rewrites a page of every b-tree it touches): no query
        // reads notifications by recipient, the hub holds every notification in memory.
        """
        DROP INDEX IF EXISTS notifications_recipient;
        """,

        // Half the pages per commit (docs/performance.md, session 11). A commit rewrites one page of every b-tree it
        // touches, and the keys of conflicts and notifications are hashes, so each new one landed on a page of its
        // own in the tables' key indexes; the current row of an item repeated its newest version (body included)
        // under an index of its own. Now every table a declaration writes grows at its end: an item's current
        // version is its newest row in item_versions (found through that table's key), and conflicts and
        // notifications are logs of their versions whose newest row per id is the current one (`seq` only grows:
        // nothing is deleted from them, and VACUUM keeps an INTEGER PRIMARY KEY). Earlier versions stay, as items'
        // always did.
        """
        INSERT OR IGNORE INTO item_versions (kind, id, version, owner, state, body_json, body_hash, updated_at, ledger_index)
            SELECT kind, id, version, owner, state, body_json, body_hash, updated_at, ledger_index FROM items;
        DROP TABLE items;
        CREATE TABLE conflict_versions (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            state TEXT NOT NULL,
            opened_at INTEGER NOT NULL,
            closed_at INTEGER,
            body_json TEXT NOT NULL);
        INSERT INTO conflict_versions (id, state, opened_at, closed_at, body_json)
            SELECT id, state, opened_at, closed_at, body_json FROM conflicts ORDER BY opened_at, id;
        DROP TABLE conflicts;
        CREATE TABLE notification_versions (
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            recipient TEXT NOT NULL,
            state TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            deadline_at INTEGER,
            body_json TEXT NOT NULL);
        INSERT INTO notification_versions (id, recipient, state, created_at, deadline_at, body_json)
            SELECT id, recipient, state, created_at, deadline_at, body_json FROM notifications ORDER BY created_at, id;
        DROP TABLE notifications;
        """,
    ];
}
