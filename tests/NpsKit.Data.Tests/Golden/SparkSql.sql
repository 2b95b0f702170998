-- SparkSql: ISO weeks in Europe/Copenhagen, hierarchy, weighted, range and filter
-- parameter zone = Europe/Copenhagen
-- parameter from = 2025-12-31 23:00:00.000000+00:00
-- parameter to = 2026-12-31 23:00:00.000000+00:00
-- parameter f0_0 = North
-- parameter f0_1 = O'Brien; DROP TABLE x
SELECT q.nps_p AS nps_period, q.nps_s0, q.nps_s1, q.nps_score, q.nps_flag, COUNT(*) AS nps_n, SUM(q.nps_w) AS nps_sw, SUM(q.nps_w * q.nps_w) AS nps_sw2
FROM (
    SELECT CAST(date_trunc('WEEK', from_utc_timestamp(`submitted_at`, :zone)) AS DATE) AS nps_p, CAST(`dept` AS STRING) AS nps_s0, CAST(`team]``name` AS STRING) AS nps_s1, `score` AS nps_score, `weight` AS nps_w, CASE WHEN `weight` IS NULL OR NOT (`weight` > 0) THEN 1 ELSE 0 END AS nps_flag
    FROM `analytics`.`survey "responses"` src
    WHERE `submitted_at` >= CAST(:from AS TIMESTAMP)
      AND `submitted_at` < CAST(:to AS TIMESTAMP)
      AND `region` IN (:f0_0, :f0_1)
) q
GROUP BY q.nps_p, q.nps_s0, q.nps_s1, q.nps_score, q.nps_flag;

-- SparkSql: months in America/New_York from wall-clock times stored in Etc/UTC, no segments
-- parameter column_zone = Etc/UTC
-- parameter zone = America/New_York
SELECT q.nps_p AS nps_period, q.nps_score, q.nps_flag, COUNT(*) AS nps_n
FROM (
    SELECT CAST(date_trunc('MONTH', from_utc_timestamp(to_utc_timestamp(`submitted_at`, :column_zone), :zone)) AS DATE) AS nps_p, `score` AS nps_score, 0 AS nps_flag
    FROM `responses` src
) q
GROUP BY q.nps_p, q.nps_score, q.nps_flag;

