-- SqlServer: ISO weeks in Europe/Copenhagen, hierarchy, weighted, range and filter
-- parameter zone = Romance Standard Time
-- parameter from = 2025-12-31 23:00:00.000000+00:00
-- parameter to = 2026-12-31 23:00:00.000000+00:00
-- parameter f0_0 = North
-- parameter f0_1 = O'Brien; DROP TABLE x
SELECT q.nps_p AS nps_period, q.nps_s0, q.nps_s1, q.nps_score, q.nps_flag, COUNT(*) AS nps_n, SUM(q.nps_w) AS nps_sw, SUM(q.nps_w * q.nps_w) AS nps_sw2
FROM (
    SELECT DATEADD(day, -(DATEDIFF(day, CAST('19000101' AS date), CAST([submitted_at] AT TIME ZONE @zone AS date)) % 7), CAST([submitted_at] AT TIME ZONE @zone AS date)) AS nps_p, CAST([dept] AS nvarchar(4000)) AS nps_s0, CAST([team]]`name] AS nvarchar(4000)) AS nps_s1, [score] AS nps_score, [weight] AS nps_w, CASE WHEN [weight] IS NULL OR NOT ([weight] > 0) THEN 1 ELSE 0 END AS nps_flag
    FROM [analytics].[survey "responses"] src
    WHERE [submitted_at] >= CAST(@from AS datetimeoffset)
      AND [submitted_at] < CAST(@to AS datetimeoffset)
      AND [region] IN (@f0_0, @f0_1)
) q
GROUP BY q.nps_p, q.nps_s0, q.nps_s1, q.nps_score, q.nps_flag;

-- SqlServer: months in America/New_York from wall-clock times stored in Etc/UTC, no segments
-- parameter column_zone = UTC
-- parameter zone = Eastern Standard Time
SELECT q.nps_p AS nps_period, q.nps_score, q.nps_flag, COUNT(*) AS nps_n
FROM (
    SELECT DATEFROMPARTS(YEAR(CAST(([submitted_at] AT TIME ZONE @column_zone) AT TIME ZONE @zone AS date)), MONTH(CAST(([submitted_at] AT TIME ZONE @column_zone) AT TIME ZONE @zone AS date)), 1) AS nps_p, [score] AS nps_score, 0 AS nps_flag
    FROM [responses] src
) q
GROUP BY q.nps_p, q.nps_score, q.nps_flag;

