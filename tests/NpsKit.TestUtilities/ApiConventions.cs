using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Xml.Linq;

namespace NpsKit.TestUtilities;

/// <summary>
/// Reflection-wide checks of a library's public surface (after NodaTime's MutabilityTest/ConsistencyTest) and a
/// rendering of that surface for an approved-file comparison (after Polly's PublicAPI files and Sep's ReadMeTest).
/// Each check returns the list of violations, empty when all is well.
/// </summary>
public static class ApiConventions
{
    private const BindingFlags Declared = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Public structs must be readonly; public classes sealed, static or abstract (records included).</summary>
    public static List<string> ImmutabilityViolations(Assembly assembly)
    {
        var problems = new List<string>();
        foreach (Type t in assembly.GetExportedTypes())
        {
            if (t.IsValueType && !t.IsEnum && t.GetCustomAttribute<IsReadOnlyAttribute>() is null)
            {
                problems.Add($"{t.FullName}: public struct is not readonly");
            }

            if (t.IsClass && !t.IsSealed && !t.IsAbstract && !typeof(Delegate).IsAssignableFrom(t))
            {
                problems.Add($"{t.FullName}: public class is neither sealed, static nor abstract");
            }

            if (t.Name.EndsWith("Builder", StringComparison.Ordinal) || t.Name.EndsWith("Options", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (PropertyInfo p in t.GetProperties(Declared))
            {
                MethodInfo? setter = p.SetMethod;
                if (setter is { IsPublic: true } && !IsInitOnly(setter))
                {
                    problems.Add($"{t.FullName}.{p.Name}: public setter outside an *Options or *Builder type");
                }
            }

            foreach (FieldInfo f in t.GetFields(Declared))
            {
                if (!f.IsInitOnly && !f.IsLiteral && !t.IsEnum)
                {
                    problems.Add($"{t.FullName}.{f.Name}: public mutable field");
                }
            }
        }

        return problems;
    }

    /// <summary>Types that implement <see cref="IEquatable{T}"/> of themselves must also define == and !=.</summary>
    public static List<string> EqualityViolations(Assembly assembly)
    {
        var problems = new List<string>();
        foreach (Type t in assembly.GetExportedTypes())
        {
            if (t.IsEnum || !typeof(IEquatable<>).MakeGenericType(t).IsAssignableFrom(t))
            {
                continue;
            }

            if (t.GetMethod("op_Equality", [t, t]) is null || t.GetMethod("op_Inequality", [t, t]) is null)
            {
                problems.Add($"{t.FullName}: IEquatable without == and !=");
            }
        }

        return problems;
    }

    /// <summary>Every public type and member must have an entry in the XML documentation file beside the assembly.</summary>
    public static List<string> UndocumentedMembers(Assembly assembly)
    {
        string xmlPath = Path.ChangeExtension(assembly.Location, ".xml");
        if (!File.Exists(xmlPath))
        {
            return [$"{xmlPath}: documentation file missing (GenerateDocumentationFile off?)"];
        }

        var ids = XDocument.Load(xmlPath).Descendants("member")
            .Select(m => (string?)m.Attribute("name") ?? string.Empty)
            .Select(id => id.Split('(')[0])
            .ToHashSet(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (Type t in assembly.GetExportedTypes())
        {
            string typeId = t.FullName!.Replace('+', '.');
            if (!ids.Contains("T:" + typeId))
            {
                problems.Add($"T:{typeId}");
            }

            foreach (MemberInfo m in t.GetMembers(Declared))
            {
                if (IsExempt(t, m))
                {
                    continue;
                }

                string prefix = m.MemberType switch
                {
                    MemberTypes.Method or MemberTypes.Constructor => "M:",
                    MemberTypes.Property => "P:",
                    MemberTypes.Field => "F:",
                    MemberTypes.Event => "E:",
                    _ => string.Empty,
                };
                if (prefix.Length == 0)
                {
                    continue;
                }

                string name = m.Name.Replace('.', '#');
                if (m is MethodInfo { IsGenericMethodDefinition: true } gm)
                {
                    name += "``" + gm.GetGenericArguments().Length;
                }

                if (!ids.Contains(prefix + typeId + "." + name))
                {
                    problems.Add(prefix + typeId + "." + name);
                }
            }
        }

        return problems;
    }

    /// <summary>Renders the public surface, one sorted line per member, for comparison with an approved file.</summary>
    public static string RenderPublicApi(Assembly assembly)
    {
        var lines = new List<string>();
        foreach (Type t in assembly.GetExportedTypes())
        {
            string kind = t.IsEnum ? "enum" : t.IsValueType ? (IsRecord(t) ? "record struct" : "struct") : t.IsInterface ? "interface" : IsRecord(t) ? "record" : "class";
            string bases = string.Join(", ", t.GetInterfaces().Select(Name).Order(StringComparer.Ordinal));
            lines.Add($"{Name(t)} : {kind}{(bases.Length > 0 ? " : " + bases : string.Empty)}");
            foreach (MemberInfo m in t.GetMembers(Declared))
            {
                if (m is MethodInfo { IsSpecialName: true } mi && (mi.Name.StartsWith("get_", StringComparison.Ordinal) || mi.Name.StartsWith("set_", StringComparison.Ordinal) || mi.Name.StartsWith("add_", StringComparison.Ordinal) || mi.Name.StartsWith("remove_", StringComparison.Ordinal)))
                {
                    continue;
                }

                if (t.IsEnum && m.Name == "value__")
                {
                    continue;
                }

                lines.Add($"{Name(t)}.{Describe(m)}");
            }
        }

        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>Compares the public surface with an approved file; writes a .received file beside it on mismatch.</summary>
    /// <param name="assembly">The library.</param>
    /// <param name="approvedFile">The approved file's path relative to the repository root.</param>
    /// <returns>An empty string when equal; otherwise a message saying how to approve.</returns>
    public static string CompareWithApproved(Assembly assembly, string approvedFile)
    {
        string approvedPath = Path.Combine(RepoRoot(), approvedFile);
        string receivedPath = Path.ChangeExtension(approvedPath, ".received.txt");
        string actual = RenderPublicApi(assembly);
        if (Environment.GetEnvironmentVariable("NPSKIT_APPROVE_API") == "1")
        {
            File.WriteAllText(approvedPath, actual);
        }

        string approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).Replace("\r\n", "\n") : string.Empty;
        if (approved == actual)
        {
            File.Delete(receivedPath);
            return string.Empty;
        }

        File.WriteAllText(receivedPath, actual);
        var approvedLines = approved.Split('\n').ToHashSet();
        var actualLines = actual.Split('\n').ToHashSet();
        var sb = new StringBuilder();
        sb.AppendLine($"The public API of {assembly.GetName().Name} differs from {approvedFile}. Review, then approve by running the tests with NPSKIT_APPROVE_API=1 (or copy {Path.GetFileName(receivedPath)}).");
        foreach (string added in actualLines.Except(approvedLines).Order())
        {
            sb.AppendLine("+ " + added);
        }

        foreach (string removed in approvedLines.Except(actualLines).Order())
        {
            sb.AppendLine("- " + removed);
        }

        return sb.ToString();
    }

    /// <summary>
    /// Finds the repository root (the folder holding NpsKit.sln) by walking up from the running test's binaries, which
    /// are built inside the repository. (Source paths are not usable: CI builds map them to <c>/_/</c>.)
    /// </summary>
    public static string RepoRoot()
    {
        string? dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "NpsKit.sln")))
        {
            dir = Path.GetDirectoryName(dir.TrimEnd(Path.DirectorySeparatorChar));
        }

        return dir ?? throw new InvalidOperationException("NpsKit.sln not found above " + AppContext.BaseDirectory);
    }

    private static bool IsExempt(Type t, MemberInfo m) =>
        (m is MethodInfo mi && (mi.IsSpecialName && !mi.Name.StartsWith("op_", StringComparison.Ordinal)))
        || (t.IsEnum && m.Name == "value__")
        || m.GetCustomAttribute<CompilerGeneratedAttribute>() is not null
        || (IsRecord(t) && m.Name is "<Clone>$" or "EqualityContract" or "Deconstruct" or "PrintMembers")
        || (m is ConstructorInfo ctor && ctor.GetParameters().Length == 0); // implicit default constructors cannot carry docs (CS1591 does not ask)

    private static bool IsRecord(Type t) =>
        t.GetMethod("<Clone>$") is not null
        || (t.IsValueType && t.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null);

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");

    private static string Describe(MemberInfo m) => m switch
    {
        ConstructorInfo c => $"ctor({Params(c)})",
        MethodInfo mi => $"{(mi.IsStatic ? "static " : string.Empty)}{mi.Name}{(mi.IsGenericMethodDefinition ? "<" + string.Join(", ", mi.GetGenericArguments().Select(a => a.Name)) + ">" : string.Empty)}({Params(mi)}) -> {Name(mi.ReturnType)}",
        PropertyInfo p => $"{((p.GetMethod ?? p.SetMethod)!.IsStatic ? "static " : string.Empty)}{p.Name} : {Name(p.PropertyType)} {{{(p.GetMethod is { IsPublic: true } ? " get;" : string.Empty)}{(p.SetMethod is { IsPublic: true } s ? (IsInitOnly(s) ? " init;" : " set;") : string.Empty)} }}",
        FieldInfo f => $"{(f.IsLiteral ? "const " : f.IsStatic ? "static readonly " : f.IsInitOnly ? "readonly " : string.Empty)}{f.Name} : {Name(f.FieldType)}",
        EventInfo e => $"event {e.Name} : {Name(e.EventHandlerType!)}",
        Type nested => $"nested {nested.Name}",
        _ => m.Name,
    };

    private static string Params(MethodBase m) => string.Join(", ", m.GetParameters().Select(p =>
        $"{(p.IsIn ? "in " : p.IsOut ? "out " : p.ParameterType.IsByRef ? "ref " : string.Empty)}{Name(p.ParameterType)} {p.Name}{(p.HasDefaultValue ? " = " + (p.DefaultValue ?? "null") : string.Empty)}"));

    private static string Name(Type t)
    {
        if (t.IsByRef)
        {
            return Name(t.GetElementType()!);
        }

        if (t.IsArray)
        {
            return Name(t.GetElementType()!) + "[]";
        }

        if (t.IsGenericParameter)
        {
            return t.Name;
        }

        string name = (t.IsNested ? Name(t.DeclaringType!) + "." : (t.Namespace is null ? string.Empty : t.Namespace + ".")) + t.Name;
        if (t.IsGenericType)
        {
            int tick = name.IndexOf('`', StringComparison.Ordinal);
            if (tick >= 0)
            {
                name = name[..tick];
            }

            name += "<" + string.Join(", ", t.GetGenericArguments().Select(Name)) + ">";
        }

        return name;
    }
}
