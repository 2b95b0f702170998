#!/usr/bin/env python3
"""Builds the survey-tool export corpus (one folder per tool) and expected.csv, independently of NpsKit.

Each file follows the layout described in its folder's README. The expected counts are computed here from the
answers written, in plain Python (zoneinfo for the months), so the tests compare NpsKit with an independent count.
Run from this folder: python3 make_corpus.py
"""
import csv, io, json, os, random
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

rng = random.Random(20261201)
HERE = os.path.dirname(os.path.abspath(__file__))
expected = []

def answers(n, start, days, blanks=()):
    """n answers: (local datetime, score or None, comment, segment)."""
    out = []
    for i in range(n):
        t = start + timedelta(days=rng.randrange(days), hours=rng.randrange(24), minutes=rng.randrange(60), seconds=rng.randrange(60))
        score = None if i in blanks else rng.choice([0, 2, 4, 5, 6, 7, 7, 8, 8, 9, 9, 9, 10, 10, 10])
        out.append((t, score, rng.choice(["fast", "slow", "good value", "", "support, helpful"]), rng.choice(["North", "South", "East"])))
    return out

def record(folder, name, rows, zone, options="", report_zone=None):
    """rows: the answers; zone: the zone the local times are in (None: they are UTC instants)."""
    tz = ZoneInfo(report_zone or "Etc/UTC")
    p = q = d = blank = 0
    months = set()
    for t, score, _, _ in rows:
        if score is None:
            blank += 1
            continue
        instant = t.replace(tzinfo=ZoneInfo(zone) if zone else timezone.utc)
        months.add(instant.astimezone(tz).strftime("%Y-%m"))
        if score >= 9: p += 1
        elif score >= 7: q += 1
        else: d += 1
    expected.append([f"{folder}/{name}", options, report_zone or "", p + q + d, p, q, d, blank, " ".join(sorted(months))])

def write(folder, name, text, encoding="utf-8"):
    os.makedirs(os.path.join(HERE, folder), exist_ok=True)
    with open(os.path.join(HERE, folder, name), "w", encoding=encoding, newline="") as f:
        f.write(text)

def table(rows, delimiter=","):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    w.writerows(rows)
    return buf.getvalue()

# Qualtrics: 3 header rows (ids, question texts, ImportId JSON with timeZone); local times in the declared zone; UTF-8 BOM.
rows = answers(40, datetime(2026, 2, 20), 50, blanks={5, 17})
zone = "America/Denver"
text = table(
    [["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId", "DistributionChannel", "UserLanguage", "Q1", "Q1_NPS_GROUP", "Q2", "Region"],
     ["Start Date", "End Date", "Response Type", "IP Address", "Progress", "Duration (in seconds)", "Finished", "Recorded Date", "Response ID", "Distribution Channel", "User Language",
      "How likely are you to recommend Acme to a friend or colleague?", "How likely are you to recommend Acme to a friend or colleague? - Group", "What is the main reason for your score?", "Region"],
     [json.dumps({"ImportId": k, **({"timeZone": zone} if k in ("startDate", "endDate", "recordedDate") else {})}, separators=(",", ":"))
      for k in ["startDate", "endDate", "status", "ipAddress", "progress", "duration", "finished", "recordedDate", "_recordId", "distributionChannel", "userLanguage", "QID1", "QID1_NPS_GROUP", "QID2_TEXT", "Region"]]]
    + [[(t - timedelta(minutes=3)).strftime("%Y-%m-%d %H:%M:%S"), t.strftime("%Y-%m-%d %H:%M:%S"), "IP Address", "10.0.0.1", "100", "180", "True", t.strftime("%Y-%m-%d %H:%M:%S"),
        f"R_{i:04d}", "anonymous", "EN", "" if s is None else str(s), "" if s is None else ("Promoter" if s >= 9 else "Passive" if s >= 7 else "Detractor"), c, r]
       for i, (t, s, c, r) in enumerate(rows)])
write("qualtrics", "qualtrics_numeric.csv", "\ufeff" + text)
record("qualtrics", "qualtrics_numeric.csv", rows, zone)
qualtrics_rows, qualtrics_text = rows, text

# SurveyMonkey: 2 header rows (questions, then answer options); US dates with AM/PM, no zone.
rows = answers(30, datetime(2026, 3, 1), 45, blanks={3})
text = table(
    [["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1",
      "How likely is it that you would recommend Acme to a friend or colleague?", "What is the main reason for your score?"],
     ["", "", "", "", "", "", "", "", "", "Response", "Open-Ended Response"]]
    + [[str(11400000000 + i), "431000000", (t - timedelta(minutes=2)).strftime("%m/%d/%Y %I:%M:%S %p"), t.strftime("%m/%d/%Y %I:%M:%S %p"), "10.0.0.2", "", "", "", r,
        "" if s is None else str(s), c] for i, (t, s, c, r) in enumerate(rows)])
write("surveymonkey", "surveymonkey.csv", text)
record("surveymonkey", "surveymonkey.csv", rows, "America/New_York", report_zone="America/New_York")

# Delighted: Response timestamp as "2024-03-04 01:04:43 UTC".
rows = answers(30, datetime(2026, 1, 10), 60)
text = table([["Response ID", "Email", "Name", "Score", "Comment", "Response timestamp", "Tags", "Notes", "Region"]]
             + [[str(900000 + i), f"p{i}@example.com", f"Person {i}", str(s), c, t.strftime("%Y-%m-%d %H:%M:%S UTC"), "", "", r] for i, (t, s, c, r) in enumerate(rows)])
write("delighted", "delighted.csv", text)
record("delighted", "delighted.csv", rows, None)

# Typeform: "#" token first, the question text as its header, Submit Date (UTC) without a zone in the values.
rows = answers(25, datetime(2026, 4, 2), 40, blanks={10})
text = table([["#", "How likely are you to recommend us to a friend or colleague?", "What's the main reason?", "Start Date (UTC)", "Submit Date (UTC)", "Network ID"]]
             + [[f"tok{i:05d}", "" if s is None else str(s), c, (t - timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M:%S"), t.strftime("%Y-%m-%d %H:%M:%S"), f"net{i % 7}"] for i, (t, s, c, r) in enumerate(rows)])
write("typeform", "typeform.csv", text)
record("typeform", "typeform.csv", rows, None)

# Google Forms (Sheets download, UK locale): Timestamp "dd/mm/yyyy hh:mm:ss" in the form's zone, question texts as headers.
rows = answers(30, datetime(2026, 3, 1), 60)
text = table([["Timestamp", "Email Address", "How likely are you to recommend Acme to a friend or colleague?", "Anything else?"]]
             + [[t.strftime("%d/%m/%Y %H:%M:%S"), f"p{i}@example.com", str(s), c] for i, (t, s, c, r) in enumerate(rows)])
write("google-forms", "google_forms.csv", text)
record("google-forms", "google_forms.csv", rows, "Europe/London", report_zone="Europe/London")

# Microsoft Forms (Excel download saved as CSV, US locale): ID, Start time, Completion time, Email, Name, questions.
rows = answers(20, datetime(2026, 5, 3), 40)
text = table([["ID", "Start time", "Completion time", "Email", "Name", "How likely are you to recommend Contoso to a friend or colleague?", "Department"]]
             + [[str(i + 1), (t - timedelta(minutes=2)).strftime("%-m/%-d/%Y %-I:%M:%S %p"), t.strftime("%-m/%-d/%Y %-I:%M:%S %p"), "anonymous", "", str(s), r] for i, (t, s, c, r) in enumerate(rows)])
write("microsoft-forms", "microsoft_forms.csv", text)
record("microsoft-forms", "microsoft_forms.csv", rows, "America/Chicago", report_zone="America/Chicago")

# Medallia (response export): Survey ID, Response Date (UTC, ISO 8601), Likelihood to Recommend, Comments.
rows = answers(25, datetime(2026, 2, 1), 60)
text = table([["Survey ID", "Response Date", "Likelihood to Recommend", "Comments", "Region"]]
             + [[str(50000 + i), t.strftime("%Y-%m-%dT%H:%M:%SZ"), str(s), c, r] for i, (t, s, c, r) in enumerate(rows)])
write("medallia", "medallia.csv", text)
record("medallia", "medallia.csv", rows, None)

# Zendesk (NPS survey responses, as Zendesk's NPS response export documents them): id, survey_id, survey_name,
# user_email, user_name, rating, comment, rated_at (ISO 8601 with the account's UTC offset, e.g. -07:00).
rows = answers(25, datetime(2026, 6, 1), 30)
text = table([["id", "survey_id", "survey_name", "user_email", "user_name", "rating", "comment", "rated_at"]]
             + [[str(7000 + i), "1", "Quarterly NPS", f"p{i}@example.com", f"Person {i}", str(s), c, (t - timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M:%S-07:00")] for i, (t, s, c, r) in enumerate(rows)])
write("zendesk", "zendesk.csv", text)
record("zendesk", "zendesk.csv", rows, None)

# AskNicely (responses export): answer is the 0-10 score, responded is Unix seconds.
rows = answers(25, datetime(2026, 7, 1), 45)
epoch = datetime(1970, 1, 1)
text = table([["response_id", "contact_id", "email", "answer", "comment", "responded", "segment"]]
             + [[str(100 + i), f"c{i}", f"p{i}@example.com", str(s), c, str(int((t - epoch).total_seconds())), r] for i, (t, s, c, r) in enumerate(rows)])
write("asknicely", "asknicely.csv", text)
record("asknicely", "asknicely.csv", rows, None)

# Hotjar (survey responses export): Number, Date Submitted, Country, Source URL, Device, Browser, OS, questions.
rows = answers(20, datetime(2026, 8, 5), 40, blanks={2})
text = table([["Number", "User", "Date Submitted", "Country", "Source URL", "Device", "Browser", "OS", "How likely are you to recommend us to a friend?"]]
             + [[str(i + 1), "", t.strftime("%Y-%m-%d %H:%M:%S"), "Denmark", "https://example.com/pricing", "desktop", "Firefox", "Linux", "" if s is None else str(s)] for i, (t, s, c, r) in enumerate(rows)])
write("hotjar", "hotjar.csv", text)
record("hotjar", "hotjar.csv", rows, "Europe/Copenhagen", report_zone="Europe/Copenhagen")

# A Danish file saved by Excel: Windows-1252, ';' delimiter, dd-mm-yyyy dates, "9 = Meget sandsynligt" labels,
# a skipped question, and Excel's trailing empty rows.
rows = answers(30, datetime(2026, 3, 1), 59, blanks={4})
labels = {0: "0 = Slet ikke sandsynligt", 10: "10 = Meget sandsynligt"}
text = table([["Hvor sandsynligt er det, at du vil anbefale os til en ven eller kollega?", "Dato", "By", "Kommentar"]]
             + [["" if s is None else labels.get(s, str(s)), t.strftime("%d-%m-%Y %H:%M"), rng.choice(["København", "Århus", "Odense", "Ærøskøbing"]), c] for i, (t, s, c, r) in enumerate(rows)]
             + [["", "", "", ""]] * 3, delimiter=";")
write("excel-danish", "danish_excel.csv", text, encoding="cp1252")
record("excel-danish", "danish_excel.csv", rows, "Europe/Copenhagen", report_zone="Europe/Copenhagen")

# Unquoted quotes (issue #13 item 6): a ';'-separated file from an exporter that never quotes, so quotes inside fields
# stay as they are: a Sa"les team and an =HYPERLINK("…","…") link. Excel and Python's csv module read such fields
# literally; NpsKit must too, in strict mode, losing no row. Written by hand below, since csv.writer would quote them.
rows = answers(24, datetime(2026, 10, 1), 55, blanks={7})
teams = ['Sa"les', "Support", '5" screens', "Onboarding"]
lines = ["respondent;submitted_at;team;link;score"]
for i, (t, s, c, r) in enumerate(rows):
    lines.append(";".join([f"u{i}", t.strftime("%Y-%m-%dT%H:%M:%SZ"), teams[i % 4],
                           f'=HYPERLINK("https://example.com/r/{i}","open {i}")', "" if s is None else str(s)]))
write("unquoted-quotes", "unquoted_quotes.csv", "\r\n".join(lines) + "\r\n")
record("unquoted-quotes", "unquoted_quotes.csv", rows, None)

with open(os.path.join(HERE, "expected.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["file", "options", "tz", "n", "promoters", "passives", "detractors", "non_responses", "months"])
    w.writerows(expected)

# Qualtrics group-only: the same export with the 0-10 column Q1 left out (only Q1_NPS_GROUP), as when the score question
# is hidden from the export. Not in expected.csv (its rows have no score); expected_groups_only.csv has its counts per
# UTC month and region, computed from the answers here, for the per-period and per-segment tests.
lines = list(csv.reader(io.StringIO(qualtrics_text)))
q1 = lines[0].index("Q1")
write("qualtrics", "qualtrics_groups_only.csv", "\ufeff" + table([row[:q1] + row[q1 + 1:] for row in lines]))
cells = {}
for t, score, _, region in qualtrics_rows:
    if score is None:
        continue
    month = t.replace(tzinfo=ZoneInfo("America/Denver")).astimezone(timezone.utc).strftime("%Y-%m")
    c = cells.setdefault((month, region), [0, 0, 0])
    c[0 if score >= 9 else 1 if score >= 7 else 2] += 1
with open(os.path.join(HERE, "qualtrics", "expected_groups_only.csv"), "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["month", "region", "promoters", "passives", "detractors"])
    w.writerows([m, r, *cells[(m, r)]] for m, r in sorted(cells))
