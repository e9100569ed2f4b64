-- Two group roles (NOLOGIN; people and services log in as members of them):
--   summitwatch_pipeline  owns every schema, table, view, sequence and function of the
--                         data; the pipeline's login role is made a member of it.
--   summitwatch_analyst   reads the reporting views and nothing else: no raw, core or
--                         events table, and no writes anywhere.
-- Roles belong to the whole cluster, not to one database, so this file must run
-- cleanly when they already exist (a second database, a rebuilt one, a test run).

DO $$
DECLARE
    wanted text;
BEGIN
    FOREACH wanted IN ARRAY ARRAY['summitwatch_pipeline', 'summitwatch_analyst'] LOOP
        IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = wanted) THEN
            BEGIN
                EXECUTE format('CREATE ROLE %I NOLOGIN', wanted);
                EXECUTE format('COMMENT ON ROLE %I IS %L', wanted, CASE wanted
                    WHEN 'summitwatch_pipeline'
                        THEN 'Summit Watch: owns the raw, core, events and reporting schemas and their objects.'
                    ELSE 'Summit Watch: reads the reporting views only; granted to analysts'' login roles.'
                END);
            EXCEPTION
                -- Another database of the cluster created it between our check and now.
                WHEN duplicate_object OR unique_violation THEN
                    RAISE NOTICE 'role % was created concurrently', wanted;
                WHEN insufficient_privilege THEN
                    RAISE EXCEPTION 'role % does not exist and % may not create roles', wanted, current_user
                        USING HINT = 'Run the migrations once as a superuser, or grant CREATEROLE to '
                                     || current_user || ', or create the role beforehand (NOLOGIN).';
            END;
        END IF;
    END LOOP;
    -- Whoever runs the migrations (and so the pipeline) acts as the owner of the data.
    IF NOT pg_has_role(current_user, 'summitwatch_pipeline', 'MEMBER') THEN
        EXECUTE format('GRANT summitwatch_pipeline TO %I', current_user);
    END IF;
END
$$;

-- Hand every object of the four schemas to the pipeline role. Sequences owned by a
-- column move with their table; functions (triggers, helpers) move too.
DO $$
DECLARE
    obj record;
BEGIN
    FOR obj IN
        SELECT nspname FROM pg_namespace WHERE nspname IN ('raw', 'core', 'events', 'reporting')
    LOOP
        EXECUTE format('ALTER SCHEMA %I OWNER TO summitwatch_pipeline', obj.nspname);
    END LOOP;
    FOR obj IN
        SELECT c.oid::regclass AS name,
               CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                              WHEN 'f' THEN 'FOREIGN TABLE' WHEN 'S' THEN 'SEQUENCE' ELSE 'TABLE' END AS what
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname IN ('raw', 'core', 'events', 'reporting')
          AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
          AND NOT (c.relkind = 'S' AND EXISTS (
                  SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')))
    LOOP
        EXECUTE format('ALTER %s %s OWNER TO summitwatch_pipeline', obj.what, obj.name);
    END LOOP;
    FOR obj IN
        SELECT p.oid::regprocedure AS name
        FROM pg_proc p
        JOIN pg_namespace n ON n.oid = p.pronamespace
        WHERE n.nspname IN ('raw', 'core', 'events', 'reporting')
    LOOP
        EXECUTE format('ALTER ROUTINE %s OWNER TO summitwatch_pipeline', obj.name);
    END LOOP;
END
$$;

-- Nobody but the owner gets into the data schemas; nobody creates objects in public.
REVOKE ALL ON SCHEMA raw, core, events FROM PUBLIC;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- The analyst reads reporting, today's views and any view added later by either the
-- pipeline role or whoever runs the migrations.
GRANT USAGE ON SCHEMA reporting TO summitwatch_analyst;
GRANT SELECT ON ALL TABLES IN SCHEMA reporting TO summitwatch_analyst;
ALTER DEFAULT PRIVILEGES FOR ROLE summitwatch_pipeline IN SCHEMA reporting
    GRANT SELECT ON TABLES TO summitwatch_analyst;
ALTER DEFAULT PRIVILEGES IN SCHEMA reporting
    GRANT SELECT ON TABLES TO summitwatch_analyst;
