-- Papers handed in "if any" (issue 12, reception's completeness check): every paper of a procedure
-- now says whether it is required. Those the catalogue names "… (nếu có)" or "… (nếu <case>)"
-- (only in some cases) are not; the others keep being required, as they were.
UPDATE "procedures" p SET "documents" = (
  SELECT coalesce(jsonb_agg(
    e || jsonb_build_object('required', coalesce((e ->> 'required')::boolean, (e ->> 'name') !~* '\(\s*nếu[\s)]'))
    ORDER BY i), '[]'::jsonb)
  FROM jsonb_array_elements(p."documents") WITH ORDINALITY AS t(e, i)
);
