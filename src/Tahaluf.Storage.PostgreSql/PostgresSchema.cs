namespace Tahaluf.Storage.PostgreSql;

/// <summary>
/// The schema, as numbered migrations (index + 1 = the version recorded in <c>schema_migrations</c>).
/// The core tables use only portable types and constructs (text, bigint, double precision, bytea, primary
/// keys, plain indexes) so PostgreSQL-compatible distributed engines can hold them too; times are UTC ticks
/// (100 ns since 0001-01-01), as in the SQLite store. Migrations are append-only: never edit a shipped one.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>Creates the bookkeeping table; runs under the migration lock, before any migration.</summary>
    public const string Bookkeeping =
        "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, applied_at bigint NOT NULL)";

    public static readonly string[] Migrations =
    [
        """
        CREATE TABLE partners (
            id text PRIMARY KEY,
            role text NOT NULL,
            names_json text NOT NULL,
            public_key bytea,
            token_hash bytea NOT NULL,
            created_at bigint NOT NULL);
        CREATE UNIQUE INDEX partners_token_hash ON partners (token_hash);
        CREATE TABLE agreements (
            owner text NOT NULL,
            recipient text NOT NULL,
            kind text NOT NULL,
            level text NOT NULL,
            PRIMARY KEY (owner, recipient, kind));
        CREATE TABLE items (
            kind text NOT NULL,
            id text NOT NULL,
            owner text NOT NULL,
            version bigint NOT NULL,
            state text NOT NULL,
            body_json text NOT NULL,
            body_hash bytea NOT NULL,
            updated_at bigint NOT NULL,
            ledger_index bigint NOT NULL,
            PRIMARY KEY (kind, id));
        CREATE TABLE item_versions (
            kind text NOT NULL,
            id text NOT NULL,
            version bigint NOT NULL,
            owner text NOT NULL,
            state text NOT NULL,
            body_json text NOT NULL,
            body_hash bytea NOT NULL,
            updated_at bigint NOT NULL,
            ledger_index bigint NOT NULL,
            PRIMARY KEY (kind, id, version));
        CREATE TABLE conflicts (
            id text PRIMARY KEY,
            state text NOT NULL,
            opened_at bigint NOT NULL,
            closed_at bigint,
            body_json text NOT NULL);
        CREATE TABLE notifications (
            id text PRIMARY KEY,
            recipient text NOT NULL,
            state text NOT NULL,
            created_at bigint NOT NULL,
            deadline_at bigint,
            body_json text NOT NULL);
        CREATE INDEX notifications_recipient ON notifications (recipient, created_at);
        CREATE TABLE events (
            seq bigint PRIMARY KEY,
            time bigint NOT NULL,
            type text NOT NULL,
            subject_kind text NOT NULL,
            subject_id text NOT NULL,
            payload_json text NOT NULL);
        CREATE TABLE ledger (
            idx bigint PRIMARY KEY,
            leaf bytea NOT NULL,
            salt bytea NOT NULL,
            content bytea NOT NULL,
            subject text NOT NULL);
        CREATE TABLE track_points (
            track_id text NOT NULL,
            owner text NOT NULL,
            time bigint NOT NULL,
            lat double precision NOT NULL,
            lng double precision NOT NULL,
            altitude_m double precision NOT NULL,
            course_deg double precision NOT NULL,
            speed_mps double precision NOT NULL,
            vertical_rate_mps double precision NOT NULL,
            PRIMARY KEY (track_id, time));
        """,
        """
        CREATE TABLE webhooks (
            partner text PRIMARY KEY,
            url text NOT NULL,
            created_at bigint NOT NULL,
            cursor bigint NOT NULL);
        """,
    ];
}
