-- The check of a transaction's optimistic locks when its writes travel in one statement with its
-- next query or its COMMIT (apps/api/src/platform/db/transactions.ts, writeTogether): `ok` says
-- whether each row that had to change, as read, did. When not, the statement fails with
-- serialization_failure and the message the API turns into its conflict answer (409).
CREATE OR REPLACE FUNCTION eiso_expect_written(ok boolean) RETURNS boolean
LANGUAGE plpgsql AS $$
BEGIN
  IF ok IS NOT TRUE THEN
    RAISE EXCEPTION 'eiso_stale_write' USING ERRCODE = '40001';
  END IF;
  RETURN true;
END
$$;
