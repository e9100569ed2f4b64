-- What a role of this database may do beyond its grants (issue 13, defect 6).
--
-- 1. Large objects: any role that can connect may create them (lo_from_bytea, lo_create,
--    lo_creat, lo_import) and so store data of its own in the database, outside every
--    schema grant. Nobody here needs them: EXECUTE on the functions that create or fill
--    large objects is taken from PUBLIC, and lo_compat_privileges stays off so nobody reads
--    or writes another role's large object.
-- 2. CONNECT and TEMPORARY on this database: only the two Summit Watch roles (and their
--    members) get them, not PUBLIC. The pipeline needs TEMPORARY for its COPY staging tables;
--    the analyst role reads views and gets CONNECT only.
--
-- Both need the owner of the functions (a superuser) or of the database. A migration run
-- by a role that is neither cannot do it; the file then raises a NOTICE saying what was
-- left as it was, instead of failing the deployment. docs/sources.md lists what remains.

DO $$
DECLARE
    fn text;
    db text := current_database();
    is_superuser boolean := (SELECT rolsuper FROM pg_roles WHERE rolname = current_user);
    owns_database boolean := pg_has_role(current_user,
        (SELECT datdba FROM pg_database WHERE datname = current_database()), 'MEMBER');
BEGIN
    IF is_superuser THEN
        FOREACH fn IN ARRAY ARRAY[
            'pg_catalog.lo_from_bytea(oid, bytea)', 'pg_catalog.lo_create(oid)',
            'pg_catalog.lo_creat(integer)', 'pg_catalog.lo_import(text)',
            'pg_catalog.lo_import(text, oid)', 'pg_catalog.lo_put(oid, bigint, bytea)',
            'pg_catalog.lowrite(integer, bytea)', 'pg_catalog.lo_open(oid, integer)'
        ] LOOP
            EXECUTE format('REVOKE EXECUTE ON FUNCTION %s FROM PUBLIC', fn);
        END LOOP;
        EXECUTE format('ALTER DATABASE %I SET lo_compat_privileges = off', db);
    ELSE
        RAISE NOTICE '0048: % is no superuser; large-object functions keep their default grants', current_user;
    END IF;
    IF is_superuser OR owns_database THEN
        EXECUTE format('REVOKE CONNECT, TEMPORARY ON DATABASE %I FROM PUBLIC', db);
        EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO summitwatch_pipeline', db);
        EXECUTE format('GRANT CONNECT ON DATABASE %I TO summitwatch_analyst', db);
        -- Whoever runs the migrations keeps its way in, member of the pipeline role or not.
        EXECUTE format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', db, current_user);
    ELSE
        RAISE NOTICE '0048: % does not own database %; CONNECT stays open to PUBLIC', current_user, db;
    END IF;
END
$$;
