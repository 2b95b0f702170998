# Independent known answers for tests/NpsKit.Tests/Aggregation (ReportingPeriodTests, ReportingCalendarTests).
# Tool: Python 3.11.7, standard library only (datetime.date.isocalendar, zoneinfo with the system tzdata).
# Command: python3 tests/NpsKit.Tests/Aggregation/TestData/period-known-answers.py
# Output (2026-11-23):
#   2020-12-31 (2020, 53, 4) | 2021-01-03 (2020, 53, 7) | 2026-12-31 (2026, 53, 4) | 2027-01-03 (2026, 53, 7)
#   2025-12-29 (2026, 1, 1)  | 2025-12-28 (2025, 52, 7) | 2024-02-29 (2024, 9, 4)  | 2026-02-23 (2026, 9, 1)
#   2015-12-31 (2015, 53, 4) | 2026-01-01 (2026, 1, 4)
#   2026-03-31T23:30:00Z Europe/Copenhagen -> 2026-04-01T01:30:00+02:00
#   2026-03-29T00:59:59Z Europe/Copenhagen -> 2026-03-29T01:59:59+01:00
#   2026-03-29T01:00:00Z Europe/Copenhagen -> 2026-03-29T03:00:00+02:00
#   2026-10-25T00:30:00Z Europe/Copenhagen -> 2026-10-25T02:30:00+02:00
#   2026-10-25T01:30:00Z Europe/Copenhagen -> 2026-10-25T02:30:00+01:00
#   2026-11-01T03:59:59Z America/New_York  -> 2026-10-31T23:59:59-04:00
#   2026-11-01T04:00:00Z America/New_York  -> 2026-11-01T00:00:00-04:00
#   2026-11-01T05:30:00Z America/New_York  -> 2026-11-01T01:30:00-04:00
#   2026-11-01T06:30:00Z America/New_York  -> 2026-11-01T01:30:00-05:00
#   2026-01-01T04:59:59Z America/New_York  -> 2025-12-31T23:59:59-05:00
#   2026-01-01T05:00:00Z America/New_York  -> 2026-01-01T00:00:00-05:00
#   2026-03-08T06:59:59Z America/New_York  -> 2026-03-08T01:59:59-05:00
#   2026-03-08T07:00:00Z America/New_York  -> 2026-03-08T03:00:00-04:00
#   2025-12-31T23:00:00Z Europe/Copenhagen -> 2026-01-01T00:00:00+01:00
#   2024-02-29T23:30:00Z Europe/Copenhagen -> 2024-03-01T00:30:00+01:00
#   2024-02-29T04:59:00Z America/New_York  -> 2024-02-28T23:59:00-05:00
#   day start 2026-03-29 Europe/Copenhagen 2026-03-28T23:00:00Z ; 2026-03-30 -> 2026-03-29T22:00:00Z
#   day start 2026-10-25 Europe/Copenhagen 2026-10-24T22:00:00Z ; 2026-10-26 -> 2026-10-25T23:00:00Z
#   day start 2026-03-08 America/New_York  2026-03-08T05:00:00Z ; 2026-03-09 -> 2026-03-09T04:00:00Z
#   day start 2026-11-01 America/New_York  2026-11-01T04:00:00Z ; 2026-11-02 -> 2026-11-02T05:00:00Z
from datetime import datetime, date, timezone, timedelta
from zoneinfo import ZoneInfo

for d in [date(2020, 12, 31), date(2021, 1, 3), date(2026, 12, 31), date(2027, 1, 3), date(2025, 12, 29),
          date(2025, 12, 28), date(2024, 2, 29), date(2026, 2, 23), date(2015, 12, 31), date(2026, 1, 1)]:
    print(d, tuple(d.isocalendar()))


def local(s, z):
    return datetime.fromisoformat(s).replace(tzinfo=timezone.utc).astimezone(ZoneInfo(z))


for s, z in [("2026-03-31T23:30:00", "Europe/Copenhagen"), ("2026-03-29T00:59:59", "Europe/Copenhagen"),
             ("2026-03-29T01:00:00", "Europe/Copenhagen"), ("2026-10-25T00:30:00", "Europe/Copenhagen"),
             ("2026-10-25T01:30:00", "Europe/Copenhagen"), ("2026-11-01T03:59:59", "America/New_York"),
             ("2026-11-01T04:00:00", "America/New_York"), ("2026-11-01T05:30:00", "America/New_York"),
             ("2026-11-01T06:30:00", "America/New_York"), ("2026-01-01T04:59:59", "America/New_York"),
             ("2026-01-01T05:00:00", "America/New_York"), ("2026-03-08T06:59:59", "America/New_York"),
             ("2026-03-08T07:00:00", "America/New_York"), ("2025-12-31T23:00:00", "Europe/Copenhagen"),
             ("2024-02-29T23:30:00", "Europe/Copenhagen"), ("2024-02-29T04:59:00", "America/New_York")]:
    print(s, z, local(s, z).isoformat())


def day_start(d, z):
    zi = ZoneInfo(z)
    t = datetime(d.year, d.month, d.day, tzinfo=timezone.utc) - timedelta(hours=16)
    while t.astimezone(zi).date() < d:
        t += timedelta(minutes=1)
    return t.isoformat()


for d, z in [(date(2026, 3, 29), "Europe/Copenhagen"), (date(2026, 3, 30), "Europe/Copenhagen"),
             (date(2026, 10, 25), "Europe/Copenhagen"), (date(2026, 10, 26), "Europe/Copenhagen"),
             (date(2026, 3, 8), "America/New_York"), (date(2026, 3, 9), "America/New_York"),
             (date(2026, 11, 1), "America/New_York"), (date(2026, 11, 2), "America/New_York")]:
    print("day start", d, z, day_start(d, z))
