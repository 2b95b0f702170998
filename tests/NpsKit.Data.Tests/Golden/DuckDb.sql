-- DuckDb: ISO weeks in Europe/Copenhagen, hierarchy, weighted, range and filter
-- parameter from = 2025-12-31 23:00:00.000000+00:00
-- parameter to = 2026-12-31 23:00:00.000000+00:00
-- parameter f0_0 = North
-- parameter f0_1 = O'Brien; DROP TABLE x
SELECT q.nps_p AS nps_period, q.nps_s0, q.nps_s1, q.nps_score, q.nps_flag, COUNT(*) AS nps_n, SUM(q.nps_w) AS nps_sw, SUM(q.nps_w * q.nps_w) AS nps_sw2
FROM (
  SELECT CAST(date_trunc('week', make_timestamp(r.nps_u + CASE WHEN r.nps_u < 1774746000000000 THEN 3600000000 ELSE CASE WHEN r.nps_u < 1792890000000000 THEN 7200000000 ELSE 3600000000 END END)) AS DATE) AS nps_p, r.nps_s0, r.nps_s1, r.nps_score, r.nps_w, r.nps_flag AS nps_flag
  FROM (
    SELECT epoch_us("submitted_at") AS nps_u, CAST("dept" AS VARCHAR) AS nps_s0, CAST("team]`name" AS VARCHAR) AS nps_s1, "score" AS nps_score, "weight" AS nps_w, CASE WHEN "weight" IS NULL OR NOT ("weight" > 0) THEN 1 ELSE 0 END + CASE WHEN typeof("submitted_at") <> 'TIMESTAMP WITH TIME ZONE' THEN 4 ELSE 0 END AS nps_flag
    FROM "analytics"."survey ""responses""" src
    WHERE "submitted_at" >= CAST($from AS TIMESTAMPTZ)
      AND "submitted_at" < CAST($to AS TIMESTAMPTZ)
      AND "region" IN ($f0_0, $f0_1)
  ) r
) q
GROUP BY q.nps_p, q.nps_s0, q.nps_s1, q.nps_score, q.nps_flag;

-- DuckDb: months in America/New_York from wall-clock times stored in Etc/UTC, no segments, 2026 to mid-2027
-- parameter column_zone = Etc/UTC
-- parameter from = 2026-01-01 00:00:00.000000+00:00
-- parameter to = 2027-07-01 00:00:00.000000+00:00
SELECT q.nps_p AS nps_period, q.nps_score, q.nps_flag, COUNT(*) AS nps_n
FROM (
  SELECT CAST(date_trunc('month', make_timestamp(r.nps_u + CASE WHEN r.nps_u < 1793512800000000 THEN CASE WHEN r.nps_u < 1772953200000000 THEN -18000000000 ELSE -14400000000 END ELSE CASE WHEN r.nps_u < 1805007600000000 THEN -18000000000 ELSE -14400000000 END END)) AS DATE) AS nps_p, r.nps_score, r.nps_flag AS nps_flag
  FROM (
    SELECT epoch_us("submitted_at") AS nps_u, "score" AS nps_score, CASE WHEN typeof("submitted_at") = 'TIMESTAMP WITH TIME ZONE' THEN 4 ELSE 0 END AS nps_flag
    FROM "responses" src
    WHERE timezone($column_zone, "submitted_at") >= CAST($from AS TIMESTAMPTZ)
      AND timezone($column_zone, "submitted_at") < CAST($to AS TIMESTAMPTZ)
  ) r
) q
GROUP BY q.nps_p, q.nps_score, q.nps_flag;

