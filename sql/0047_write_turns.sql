-- Write turns: batches load their articles side by side and write their decisions one
-- after another, in the order of their article ids (issue 6, fast loads).
--
-- Every sameness decision (exact and near duplicate, revision, story) compares an
-- article with the articles before it in article-id order, and event merging sees the
-- batches written before it. With several process workers that order must be the order
-- in which batches write those decisions. Before, each batch held the write lock from
-- its article COPY to its commit, so workers copied their articles one at a time.
-- Now a batch takes a *write turn*: a turn number and the ids of its new articles,
-- handed out together. It copies its articles with those ids while other batches copy
-- or decide, then waits until every earlier turn has ended (committed or rolled back)
-- before it decides. So ids still follow the order of decisions, and the article COPY,
-- the heaviest part of a batch, runs in parallel.
--
-- Advisory lock keys (two-int form, first key 74018731): (74018731, 0) guards the hand-out
-- for the duration of one take_write_turn call; (74018731, N) is held by the transaction
-- of turn N until it ends.

CREATE SEQUENCE core.write_turns AS integer MINVALUE 1 NO CYCLE;
ALTER SEQUENCE core.write_turns OWNER TO summitwatch_pipeline;
COMMENT ON SEQUENCE core.write_turns IS
    'Write turn numbers of process batches (core.take_write_turn); a batch decides after every earlier turn has ended.';

CREATE FUNCTION core.take_write_turn(articles integer, OUT turn integer, OUT article_ids bigint[])
LANGUAGE plpgsql AS $$
BEGIN
    IF articles IS NULL OR articles < 0 THEN
        RAISE EXCEPTION 'take_write_turn: articles must be 0 or more, not %', articles;
    END IF;
    -- Session-level and given back before returning: the turn number, the lock that says
    -- the turn is running and its article ids are handed out as one step, so nobody can
    -- see turn N+1 while turn N is taken but not yet locked.
    PERFORM pg_advisory_lock(74018731, 0);
    BEGIN
        turn := nextval('core.write_turns');
        PERFORM pg_advisory_xact_lock(74018731, turn);
        article_ids := ARRAY(
            SELECT id FROM (SELECT nextval('core.articles_article_id_seq') AS id
                            FROM generate_series(1, articles)) ids
            ORDER BY id);
    EXCEPTION WHEN OTHERS OR query_canceled THEN
        PERFORM pg_advisory_unlock(74018731, 0);
        RAISE;
    END;
    PERFORM pg_advisory_unlock(74018731, 0);
END
$$;
ALTER FUNCTION core.take_write_turn(integer) OWNER TO summitwatch_pipeline;
REVOKE ALL ON FUNCTION core.take_write_turn(integer) FROM PUBLIC;
COMMENT ON FUNCTION core.take_write_turn(integer) IS
    'Hands out the next write turn and the ids for that many new core.articles rows; the turn lasts until the calling transaction ends.';

CREATE FUNCTION core.wait_for_earlier_turns(turn integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    earlier bigint;
BEGIN
    -- Every turn below ours was locked when it was handed out (take_write_turn), so a
    -- turn that holds no lock now has ended. Waiting on each one still held is enough:
    -- a turn rolled back early does not let us past an earlier one still running.
    FOR earlier IN
        SELECT l.objid::bigint
        FROM pg_locks l
        WHERE l.locktype = 'advisory' AND l.classid = 74018731 AND l.objsubid = 2
          AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.mode = 'ExclusiveLock' AND l.granted
          AND l.objid::bigint BETWEEN 1 AND turn - 1
        ORDER BY 1
    LOOP
        PERFORM pg_advisory_xact_lock_shared(74018731, earlier::integer);
    END LOOP;
END
$$;
ALTER FUNCTION core.wait_for_earlier_turns(integer) OWNER TO summitwatch_pipeline;
REVOKE ALL ON FUNCTION core.wait_for_earlier_turns(integer) FROM PUBLIC;
COMMENT ON FUNCTION core.wait_for_earlier_turns(integer) IS
    'Returns once every write turn before the given one has ended (committed or rolled back).';
