-- Watchlists (issue 16): analysts declare what they watch; each summit_report run sends
-- one notification per watch with the status changes and new gatherings it has not
-- sent yet. A third group role, summitwatch_reviewer, reads what the analyst reads and
-- writes the watchlists (and, from 0069, the corrections) and nothing else.
--
-- Delivery state is kept here, keyed on watch + change (event, status), so a retried or
-- duplicated run finds every change it would send already claimed and sends nothing twice.

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'summitwatch_reviewer') THEN
        BEGIN
            CREATE ROLE summitwatch_reviewer NOLOGIN;
            COMMENT ON ROLE summitwatch_reviewer IS
                'Summit Watch: reads the reporting views, writes only reporting.corrections and reporting.watchlists.';
        EXCEPTION
            WHEN duplicate_object OR unique_violation THEN
                RAISE NOTICE 'role summitwatch_reviewer was created concurrently';
            WHEN insufficient_privilege THEN
                RAISE EXCEPTION 'role summitwatch_reviewer does not exist and % may not create roles', current_user
                    USING HINT = 'Run the migrations once as a superuser, or grant CREATEROLE to '
                                 || current_user || ', or create the role beforehand (NOLOGIN).';
        END;
    END IF;
END
$$;
-- Whatever the analyst may read, the reviewer may read (today's views and later ones).
GRANT summitwatch_analyst TO summitwatch_reviewer;

-- When the pipeline first recorded a status of an event: "since the last run" is
-- "recorded after the watch began and not yet delivered to it".
ALTER TABLE events.status_history ADD COLUMN recorded_at timestamptz NOT NULL DEFAULT now();
COMMENT ON COLUMN events.status_history.recorded_at IS
    'When Summit Watch first recorded this status of the event (not the publication time); watches send what was recorded after they began.';

CREATE TABLE reporting.watchlists (
    watch_id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                   text NOT NULL UNIQUE CHECK (btrim(name) <> ''),
    actors                 text[] NOT NULL DEFAULT '{}',
    groups                 text[] NOT NULL DEFAULT '{}',
    places                 text[] NOT NULL DEFAULT '{}',
    kinds                  text[] NOT NULL DEFAULT '{}'
                               CHECK (kinds <@ ARRAY['summit', 'meeting', 'visit', 'call']),
    statuses               text[] NOT NULL DEFAULT '{}'
                               CHECK (statuses <@ ARRAY['proposed', 'invited', 'planned', 'held', 'postponed', 'cancelled']),
    event_id               bigint,
    channel                text NOT NULL CHECK (channel IN ('email', 'webhook')),
    target                 text NOT NULL,
    allow_private_network  boolean NOT NULL DEFAULT false,
    active                 boolean NOT NULL DEFAULT true,
    notify_from            timestamptz NOT NULL DEFAULT now(),
    created_by             text NOT NULL DEFAULT current_user,
    created_at             timestamptz NOT NULL DEFAULT now(),
    updated_at             timestamptz NOT NULL DEFAULT now(),
    CHECK (channel <> 'email' OR target ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
    CHECK (channel <> 'webhook' OR target ~ '^https?://')
);
COMMENT ON TABLE reporting.watchlists IS
    'What analysts watch: each active row gets one notification per summit_report run listing the matching status changes and new gatherings not sent to it before.';
COMMENT ON COLUMN reporting.watchlists.watch_id IS 'Surrogate key.';
COMMENT ON COLUMN reporting.watchlists.name IS 'Natural key: the watch''s name (seeds/watchlists.csv upserts on it).';
COMMENT ON COLUMN reporting.watchlists.actors IS 'Canonical actor names; matches when one of them takes part (empty: any).';
COMMENT ON COLUMN reporting.watchlists.groups IS 'Groups (G7, NATO, ...); matches when the gathering is one of theirs (empty: any).';
COMMENT ON COLUMN reporting.watchlists.places IS 'City names or ISO country codes; matches the gathering''s location or country (empty: any).';
COMMENT ON COLUMN reporting.watchlists.kinds IS 'Kinds of gathering to watch (empty: any).';
COMMENT ON COLUMN reporting.watchlists.statuses IS 'New statuses to watch, e.g. {postponed,cancelled} (empty: any).';
COMMENT ON COLUMN reporting.watchlists.event_id IS 'One gathering by its event_id (empty: any); every other criterion must match too.';
COMMENT ON COLUMN reporting.watchlists.channel IS 'email (through the SMTP connection summitwatch_smtp) or webhook (JSON POST).';
COMMENT ON COLUMN reporting.watchlists.target IS 'E-mail address, or the http(s) URL a webhook posts to.';
COMMENT ON COLUMN reporting.watchlists.allow_private_network IS 'Webhook only: may post to loopback and private addresses (never link-local or metadata).';
COMMENT ON COLUMN reporting.watchlists.active IS 'Whether the watch is evaluated; retire a watch with false rather than deleting it.';
COMMENT ON COLUMN reporting.watchlists.notify_from IS 'Changes recorded before this time are not sent (a new watch does not replay history).';
COMMENT ON COLUMN reporting.watchlists.created_by IS 'Database user who created the watch.';
COMMENT ON COLUMN reporting.watchlists.created_at IS 'When the watch was created.';
COMMENT ON COLUMN reporting.watchlists.updated_at IS 'When the watch was last changed.';

-- Who created a watch and when it last changed are facts of the write, not claims of the writer.
CREATE FUNCTION reporting.stamp_watch() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.created_by := current_user;
        NEW.created_at := now();
    ELSE
        NEW.created_by := OLD.created_by;
        NEW.created_at := OLD.created_at;
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END
$$;
COMMENT ON FUNCTION reporting.stamp_watch() IS
    'Sets created_by (current_user) and created_at of a new watch, keeps them on updates, and sets updated_at.';
CREATE TRIGGER watchlists_stamp BEFORE INSERT OR UPDATE ON reporting.watchlists
    FOR EACH ROW EXECUTE FUNCTION reporting.stamp_watch();

CREATE TABLE reporting.watch_notifications (
    notification_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    watch_id         bigint NOT NULL REFERENCES reporting.watchlists (watch_id) ON DELETE CASCADE,
    run_id           text NOT NULL,
    channel          text NOT NULL CHECK (channel IN ('email', 'webhook')),
    target           text NOT NULL,
    subject          text NOT NULL,
    body             text NOT NULL,
    payload          jsonb NOT NULL,
    changes          integer NOT NULL CHECK (changes > 0),
    state            text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed', 'abandoned')),
    attempts         integer NOT NULL DEFAULT 0,
    rounds           integer NOT NULL DEFAULT 0,
    last_error       text,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    created_at       timestamptz NOT NULL DEFAULT now(),
    sent_at          timestamptz,
    CHECK ((state = 'sent') = (sent_at IS NOT NULL))
);
COMMENT ON TABLE reporting.watch_notifications IS
    'One message to one watch: its text as built when the changes were claimed, and how delivering it went.';
COMMENT ON COLUMN reporting.watch_notifications.notification_id IS 'Surrogate key; also the idempotency key receivers see (webhook header, e-mail Message-ID).';
COMMENT ON COLUMN reporting.watch_notifications.watch_id IS 'The watch notified.';
COMMENT ON COLUMN reporting.watch_notifications.run_id IS 'The summit_report run (or CLI call) that claimed the changes.';
COMMENT ON COLUMN reporting.watch_notifications.channel IS 'email or webhook, as the watch said when the changes were claimed.';
COMMENT ON COLUMN reporting.watch_notifications.target IS 'Address or URL, as the watch said when the changes were claimed.';
COMMENT ON COLUMN reporting.watch_notifications.subject IS 'Subject line.';
COMMENT ON COLUMN reporting.watch_notifications.body IS 'Plain text of the message: each change, when it became known, its evidence sentence and links.';
COMMENT ON COLUMN reporting.watch_notifications.payload IS 'The JSON document a webhook posts (the same facts as the body).';
COMMENT ON COLUMN reporting.watch_notifications.changes IS 'Number of changes in the message.';
COMMENT ON COLUMN reporting.watch_notifications.state IS 'pending, sent, failed (tried again by later runs) or abandoned (gave up after the last round).';
COMMENT ON COLUMN reporting.watch_notifications.attempts IS 'Delivery attempts so far, over all rounds.';
COMMENT ON COLUMN reporting.watch_notifications.rounds IS 'Runs that tried to deliver it (each with a few attempts and backoff).';
COMMENT ON COLUMN reporting.watch_notifications.last_error IS 'Why the last attempt failed.';
COMMENT ON COLUMN reporting.watch_notifications.next_attempt_at IS 'A failed notification is not tried again before this time.';
COMMENT ON COLUMN reporting.watch_notifications.created_at IS 'When the changes were claimed.';
COMMENT ON COLUMN reporting.watch_notifications.sent_at IS 'When the receiver accepted it.';
CREATE INDEX watch_notifications_due_idx ON reporting.watch_notifications (next_attempt_at)
    WHERE state IN ('pending', 'failed');

CREATE TABLE reporting.watch_deliveries (
    watch_id         bigint NOT NULL REFERENCES reporting.watchlists (watch_id) ON DELETE CASCADE,
    event_id         bigint NOT NULL,
    status           text NOT NULL CHECK (status IN ('proposed', 'invited', 'planned', 'held', 'postponed', 'cancelled')),
    notification_id  bigint NOT NULL REFERENCES reporting.watch_notifications (notification_id) ON DELETE CASCADE,
    PRIMARY KEY (watch_id, event_id, status)
);
COMMENT ON TABLE reporting.watch_deliveries IS
    'Which change (an event reaching a status) went into which notification of a watch: each change is claimed once per watch.';
COMMENT ON COLUMN reporting.watch_deliveries.watch_id IS 'The watch.';
COMMENT ON COLUMN reporting.watch_deliveries.event_id IS 'The event that changed.';
COMMENT ON COLUMN reporting.watch_deliveries.status IS 'The status it reached.';
COMMENT ON COLUMN reporting.watch_deliveries.notification_id IS 'The notification that carries the change.';
CREATE INDEX watch_deliveries_notification_idx ON reporting.watch_deliveries (notification_id);

ALTER FUNCTION reporting.stamp_watch() OWNER TO summitwatch_pipeline;
ALTER TABLE reporting.watchlists OWNER TO summitwatch_pipeline;
ALTER TABLE reporting.watch_notifications OWNER TO summitwatch_pipeline;
ALTER TABLE reporting.watch_deliveries OWNER TO summitwatch_pipeline;
GRANT SELECT ON reporting.watchlists, reporting.watch_notifications, reporting.watch_deliveries
    TO summitwatch_analyst;
GRANT INSERT, UPDATE, DELETE ON reporting.watchlists TO summitwatch_reviewer;
