namespace GanWatch.Streaming.Kafka;

/// <summary>Checks <see cref="KafkaSecurityOptions"/>; messages name options, files and variables, never secret values.</summary>
internal static class KafkaSecurityValidator
{
    public static IReadOnlyList<string> Validate(KafkaSecurityOptions options)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(options.Protocol))
        {
            problems.Add($"Protocol is {options.Protocol}; set Plaintext, Ssl, SaslPlaintext or SaslSsl.");
        }

        if (options.UsesSasl)
        {
            CheckSasl(options, problems);
        }
        else if (options.Username is not null || options.Password is not null || options.PasswordFile is not null || options.PasswordEnvironmentVariable is not null)
        {
            problems.Add($"Username and Password* are set but Protocol is {options.Protocol}; set Protocol to SaslPlaintext or SaslSsl, or remove them.");
        }

        if (options.UsesTls)
        {
            CheckTls(options, problems);
        }
        else if (options.SslCaLocation is not null || options.SslCertificateLocation is not null || options.SslKeyLocation is not null
                 || options.SslKeyPassword is not null || options.SslKeyPasswordFile is not null || options.SslKeyPasswordEnvironmentVariable is not null)
        {
            problems.Add($"Ssl* options are set but Protocol is {options.Protocol}; set Protocol to Ssl or SaslSsl, or remove them.");
        }

        return problems;
    }

    private static void CheckSasl(KafkaSecurityOptions options, List<string> problems)
    {
        if (!Enum.IsDefined(options.SaslMechanism))
        {
            problems.Add($"SaslMechanism is {options.SaslMechanism}; set Plain, ScramSha256 or ScramSha512.");
        }

        if (string.IsNullOrWhiteSpace(options.Username))
        {
            problems.Add($"Username is empty; Protocol {options.Protocol} needs the SASL user name.");
        }

        CheckSecret(problems, "Password", options.Password, options.PasswordFile, options.PasswordEnvironmentVariable, required: true);
    }

    private static void CheckTls(KafkaSecurityOptions options, List<string> problems)
    {
        CheckFile(problems, "SslCaLocation", options.SslCaLocation);
        CheckFile(problems, "SslCertificateLocation", options.SslCertificateLocation);
        CheckFile(problems, "SslKeyLocation", options.SslKeyLocation);
        if ((options.SslCertificateLocation is null) != (options.SslKeyLocation is null))
        {
            problems.Add("SslCertificateLocation and SslKeyLocation must be set together; a client certificate needs its private key.");
        }

        bool keyPasswordSet = options.SslKeyPassword is not null || options.SslKeyPasswordFile is not null || options.SslKeyPasswordEnvironmentVariable is not null;
        if (keyPasswordSet && options.SslKeyLocation is null)
        {
            problems.Add("SslKeyPassword* is set without SslKeyLocation; set the key file or remove the password.");
        }

        CheckSecret(problems, "SslKeyPassword", options.SslKeyPassword, options.SslKeyPasswordFile, options.SslKeyPasswordEnvironmentVariable, required: false);
    }

    private static void CheckSecret(List<string> problems, string name, string? inline, string? file, string? variable, bool required)
    {
        int sources = (inline is null ? 0 : 1) + (file is null ? 0 : 1) + (variable is null ? 0 : 1);
        if (sources > 1)
        {
            problems.Add($"{name} is given {sources} times ({name}, {name}File, {name}EnvironmentVariable); set exactly one.");
            return;
        }

        if (sources == 0)
        {
            if (required)
            {
                problems.Add($"{name} is missing; set {name}File, {name}EnvironmentVariable or {name}.");
            }

            return;
        }

        if (inline is not null && inline.Length == 0)
        {
            problems.Add($"{name} is empty; set the secret or use {name}File.");
        }

        if (file is not null)
        {
            CheckFile(problems, $"{name}File", file);
        }

        if (variable is not null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
        {
            problems.Add($"{name}EnvironmentVariable names '{variable}', which is not set or empty; export it before starting.");
        }
    }

    private static void CheckFile(List<string> problems, string name, string? path)
    {
        if (path is null)
        {
            return;
        }

        if (path.Length == 0)
        {
            problems.Add($"{name} is empty; set a file path or remove it.");
        }
        else if (!File.Exists(path))
        {
            problems.Add($"{name} file '{path}' was not found; check the path and the daemon's permission to read it.");
        }
    }
}
