using FsCheck.Fluent;
using NpsKit.TestUtilities;

namespace NpsKit.Csv.Tests;

/// <summary>Seeded fuzzing of the record readers: random, CSV-ish input only ever raises <see cref="NpsDataException"/>,
/// and in lenient mode every row read is either accepted or listed as bad.</summary>
public class RecordReaderFuzzTests
{
    private const string Alphabet = "contact_id,account_id,kind,at,survey,channel,team,round,score,tier,revenue\n\"0123456789;-.:TZ |email sms invitation\r\t";

    private static byte[] RandomInput(int seed, int length, string header)
    {
        var rng = new SplitMix64((ulong)seed);
        var bytes = new List<byte>(System.Text.Encoding.UTF8.GetBytes(header + "\n"));
        for (int i = 0; i < length; i++)
        {
            bytes.Add(rng.NextInt(5) == 0 ? (byte)rng.NextInt(256) : (byte)Alphabet[rng.NextInt(Alphabet.Length)]);
        }

        return [.. bytes];
    }

    private static bool Holds(Func<MemoryStream, CsvReadOptions, (IngestReport Report, long Accepted)> read, byte[] bytes)
    {
        foreach (CsvReadMode mode in new[] { CsvReadMode.Strict, CsvReadMode.Lenient })
        {
            try
            {
                (IngestReport report, long accepted) = read(new MemoryStream(bytes), new CsvReadOptions { Mode = mode });
                if (report.RowsRead != report.RowsAccepted + report.RowsRejected || accepted != report.RowsAccepted)
                {
                    return false;
                }
            }
            catch (NpsDataException)
            {
            }
        }

        return true;
    }

    [Fact]
    public void Fuzz_RandomHistory_OnlyTheDocumentedExceptionTypeAndCountsAddUp() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Choose(0, 500)), (seed, length) => Holds(
            (s, o) =>
            {
                ContactHistoryCsvResult r = ContactCsv.ReadHistory(s, new ContactCsvOptions { Read = o });
                return (r.Report, r.ByContact.Values.Sum(h => (long)h.Count));
            },
            RandomInput(seed, length, "contact_id,account_id,kind,at,survey,channel"))),
        maxTest: 200);

    [Fact]
    public void Fuzz_RandomContactsAndAccounts_OnlyTheDocumentedExceptionTypeAndCountsAddUp() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Choose(0, 500)), (seed, length) =>
            Holds((s, o) =>
            {
                ContactCsvResult r = ContactCsv.ReadContacts(s, new ContactCsvOptions { Read = o });
                return (r.Report, r.Contacts.Count);
            }, RandomInput(seed, length, "contact_id,account_id,email,opted_out,do_not_contact,time_zone"))
            && Holds((s, o) =>
            {
                AccountCsvResult r = ContactCsv.ReadAccounts(s, new ContactCsvOptions { Read = o });
                return (r.Report, r.Accounts.Count);
            }, RandomInput(seed, length, "account_id,tier,revenue,excluded,last_surveyed"))),
        maxTest: 200);

    [Fact]
    public void Fuzz_RandomEnps_OnlyTheDocumentedExceptionTypeAndCountsAddUp() => PropertyRunner.Check(
        Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), Arb.From(Gen.Choose(0, 500)), (seed, length) => Holds(
            (s, o) =>
            {
                EnpsCsvResult r = EnpsCsv.Read(s, new EnpsCsvOptions { Read = o, RoundDate = new DateOnly(2026, 1, 1) });
                return (r.Report, r.Rounds.Sum(x => (long)x.Responses.Count));
            },
            RandomInput(seed, length, "employee_id,round,team,score"))),
        maxTest: 200);
}
