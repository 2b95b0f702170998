-- Sqlite: ISO weeks in Europe/Copenhagen, hierarchy, weighted, range and filter
-- parameter from = 1767222000
-- parameter to = 1798758000
-- parameter f0_0 = North
-- parameter f0_1 = O'Brien; DROP TABLE x
SELECT q.nps_p AS nps_period, q.nps_s0, q.nps_s1, q.nps_score, q.nps_flag, COUNT(*) AS nps_n, SUM(q.nps_w) AS nps_sw, SUM(q.nps_w * q.nps_w) AS nps_sw2
FROM (
  SELECT date(r.nps_u + CASE WHEN r.nps_u < 1774746000 THEN 3600 ELSE CASE WHEN r.nps_u < 1792890000 THEN 7200 ELSE 3600 END END, 'unixepoch', 'weekday 0', '-6 days') AS nps_p, r.nps_s0, r.nps_s1, r.nps_score, r.nps_w, r.nps_flag AS nps_flag
  FROM (
    SELECT CAST(strftime('%s', "submitted_at") AS INTEGER) AS nps_u, CAST("dept" AS TEXT) AS nps_s0, CAST("team]`name" AS TEXT) AS nps_s1, "score" AS nps_score, "weight" AS nps_w, CASE WHEN "weight" IS NULL OR NOT ("weight" > 0) THEN 1 ELSE 0 END + CASE WHEN "submitted_at" LIKE '%Z' OR (substr("submitted_at", -6, 1) IN ('+', '-') AND substr("submitted_at", -3, 1) = ':') THEN 0 ELSE 2 END AS nps_flag
    FROM "analytics"."survey ""responses""" src
    WHERE CAST(strftime('%s', "submitted_at") AS INTEGER) >= @from
      AND CAST(strftime('%s', "submitted_at") AS INTEGER) < @to
      AND "region" IN (@f0_0, @f0_1)
  ) r
) q
GROUP BY q.nps_p, q.nps_s0, q.nps_s1, q.nps_score, q.nps_flag;

