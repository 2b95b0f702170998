-- SparkSql: ISO weeks in Europe/Copenhagen, hierarchy, weighted, range and filter
-- parameter from = 2025-12-31 23:00:00.000000+00:00
-- parameter to = 2026-12-31 23:00:00.000000+00:00
-- parameter f0_0 = North
-- parameter f0_1 = O'Brien; DROP TABLE x
SELECT q.nps_p AS nps_period, q.nps_s0, q.nps_s1, q.nps_score, q.nps_flag, COUNT(*) AS nps_n, SUM(q.nps_w) AS nps_sw, SUM(q.nps_w * q.nps_w) AS nps_sw2
FROM (
  SELECT CAST(date_trunc('WEEK', TIMESTAMPADD(SECOND, CASE WHEN r.nps_u < TIMESTAMP '2026-03-29 01:00:00' THEN 3600 ELSE CASE WHEN r.nps_u < TIMESTAMP '2026-10-25 01:00:00' THEN 7200 ELSE 3600 END END, r.nps_u)) AS DATE) AS nps_p, r.nps_s0, r.nps_s1, r.nps_score, r.nps_w, r.nps_flag AS nps_flag
  FROM (
    SELECT `submitted_at` AS nps_u, CAST(`dept` AS STRING) AS nps_s0, CAST(`team]``name` AS STRING) AS nps_s1, `score` AS nps_score, `weight` AS nps_w, CASE WHEN `weight` IS NULL OR NOT (`weight` > 0) THEN 1 ELSE 0 END AS nps_flag
    FROM `analytics`.`survey "responses"` src
    WHERE `submitted_at` >= CAST(:from AS TIMESTAMP)
      AND `submitted_at` < CAST(:to AS TIMESTAMP)
      AND `region` IN (:f0_0, :f0_1)
  ) r
) q
GROUP BY q.nps_p, q.nps_s0, q.nps_s1, q.nps_score, q.nps_flag;

-- SparkSql: months in America/New_York from wall-clock times stored in Etc/UTC, no segments, 2026 to mid-2027
-- parameter column_zone = Etc/UTC
-- parameter from = 2026-01-01 00:00:00.000000+00:00
-- parameter to = 2027-07-01 00:00:00.000000+00:00
SELECT q.nps_p AS nps_period, q.nps_score, q.nps_flag, COUNT(*) AS nps_n
FROM (
  SELECT CAST(date_trunc('MONTH', TIMESTAMPADD(SECOND, CASE WHEN r.nps_u < TIMESTAMP '2026-11-01 06:00:00' THEN CASE WHEN r.nps_u < TIMESTAMP '2026-03-08 07:00:00' THEN -18000 ELSE -14400 END ELSE CASE WHEN r.nps_u < TIMESTAMP '2027-03-14 07:00:00' THEN -18000 ELSE -14400 END END, r.nps_u)) AS DATE) AS nps_p, r.nps_score, r.nps_flag AS nps_flag
  FROM (
    SELECT `submitted_at` AS nps_u, `score` AS nps_score, 0 AS nps_flag
    FROM `responses` src
    WHERE to_utc_timestamp(`submitted_at`, :column_zone) >= CAST(:from AS TIMESTAMP)
      AND to_utc_timestamp(`submitted_at`, :column_zone) < CAST(:to AS TIMESTAMP)
  ) r
) q
GROUP BY q.nps_p, q.nps_score, q.nps_flag;

