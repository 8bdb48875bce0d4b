using Confluent.Kafka;
using GanWatch.Streaming.Kafka;
using GanWatch.Streaming.Processing;

namespace GanWatch.Streaming.Tests.Kafka;

public sealed class KafkaSecurityTests : IDisposable
{
    private const string Secret = "s3cret-Pw!";
    private readonly string _directory = Directory.CreateTempSubdirectory("ganwatch-security-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SaslFromFileAppliesToBothClients()
    {
        string passwordFile = Path.Combine(_directory, "password");
        File.WriteAllText(passwordFile, Secret + "\n");
        StreamProcessorOptions options = Options(new KafkaSecurityOptions
        {
            Protocol = KafkaSecurityProtocol.SaslSsl,
            SaslMechanism = KafkaSaslMechanism.ScramSha512,
            Username = "svc",
            PasswordFile = passwordFile,
        });

        Assert.Empty(options.Validate());
        KafkaSecrets secrets = KafkaSecrets.Read(options.Security);
        ConsumerConfig consumer = KafkaClientConfigBuilder.BuildConsumer(options, secrets);
        ProducerConfig producer = KafkaClientConfigBuilder.BuildProducer(options, secrets);
        foreach (ClientConfig config in new ClientConfig[] { consumer, producer })
        {
            Assert.Equal(SecurityProtocol.SaslSsl, config.SecurityProtocol);
            Assert.Equal(SaslMechanism.ScramSha512, config.SaslMechanism);
            Assert.Equal("svc", config.SaslUsername);
            Assert.Equal(Secret, config.SaslPassword);
        }

        Assert.DoesNotContain(Secret, secrets.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, options.Security.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TlsFilesAndKeyPasswordFromEnvironment()
    {
        string ca = Touch("ca.pem");
        string cert = Touch("client.pem");
        string key = Touch("client.key");
        string variable = "GANWATCH_TEST_KEY_PW_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, Secret);
        try
        {
            StreamProcessorOptions options = Options(new KafkaSecurityOptions
            {
                Protocol = KafkaSecurityProtocol.Ssl,
                SslCaLocation = ca,
                SslCertificateLocation = cert,
                SslKeyLocation = key,
                SslKeyPasswordEnvironmentVariable = variable,
            });

            Assert.Empty(options.Validate());
            ProducerConfig producer = KafkaClientConfigBuilder.BuildProducer(options, KafkaSecrets.Read(options.Security));
            Assert.Equal(SecurityProtocol.Ssl, producer.SecurityProtocol);
            Assert.Equal(ca, producer.SslCaLocation);
            Assert.Equal(cert, producer.SslCertificateLocation);
            Assert.Equal(key, producer.SslKeyLocation);
            Assert.Equal(Secret, producer.SslKeyPassword);
            Assert.Null(producer.SaslPassword);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Fact]
    public void ValidationListsEveryProblemWithoutSecrets()
    {
        var security = new KafkaSecurityOptions
        {
            Protocol = KafkaSecurityProtocol.SaslSsl,
            Password = Secret,
            PasswordFile = Path.Combine(_directory, "absent-password"),
            SslCaLocation = Path.Combine(_directory, "absent-ca.pem"),
            SslCertificateLocation = Touch("client.pem"),
        };
        StreamProcessorOptions options = Options(security);
        options.ConsumerConfig["sasl.username"] = "other";

        IReadOnlyList<string> problems = options.Validate();

        Assert.Contains(problems, p => p.Contains("Username is empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Password is given 2 times", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("absent-ca.pem", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("SslCertificateLocation and SslKeyLocation must be set together", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ConsumerConfig sets 'sasl.username'", StringComparison.Ordinal));
        Assert.All(problems, p => Assert.DoesNotContain(Secret, p, StringComparison.Ordinal));
        Assert.All(problems, p => Assert.StartsWith(p.Contains("ConsumerConfig", StringComparison.Ordinal) ? "ConsumerConfig" : "Security: ", p, StringComparison.Ordinal));
    }

    [Fact]
    public void MissingEnvironmentVariableAndStraySettings()
    {
        var sasl = new KafkaSecurityOptions
        {
            Protocol = KafkaSecurityProtocol.SaslPlaintext,
            Username = "svc",
            PasswordEnvironmentVariable = "GANWATCH_TEST_UNSET_" + Guid.NewGuid().ToString("N"),
            SslCaLocation = Touch("ca.pem"),
        };

        IReadOnlyList<string> problems = sasl.Validate();

        Assert.Contains(problems, p => p.Contains("is not set or empty", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("Ssl* options are set but Protocol is SaslPlaintext", StringComparison.Ordinal));
        Assert.Contains(new KafkaSecurityOptions { Username = "svc" }.Validate(), p => p.Contains("Protocol is Plaintext", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("  sasl.password = hunter2", "  sasl.password = [redacted]")]
    [InlineData("ssl.key.password=hunter2 next", "ssl.key.password=[redacted] next")]
    [InlineData("Failed for user svc with hunter2", "Failed for user svc with [redacted]")]
    [InlineData("sasl.password = [redacted]", "sasl.password = [redacted]")]
    public void RedactorMasksSecrets(string line, string expected)
    {
        Assert.Equal(expected, new LogRedactor(["hunter2"]).Redact(line));
    }

    [Fact]
    public void RedactorKnowsSecretsFromExtraSettings()
    {
        StreamProcessorOptions options = Options(new KafkaSecurityOptions());
        options.ProducerConfig["sasl.password"] = "inline-secret";
        LogRedactor redactor = KafkaClientConfigBuilder.CreateRedactor(options, new KafkaSecrets("file-secret", null));

        Assert.Equal("a [redacted] b [redacted]", redactor.Redact("a inline-secret b file-secret"));
    }

    private static StreamProcessorOptions Options(KafkaSecurityOptions security) => new()
    {
        BootstrapServers = "broker:9093",
        InputTopic = "metrics",
        Security = security,
    };

    private string Touch(string name)
    {
        string path = Path.Combine(_directory, name);
        File.WriteAllText(path, "-----BEGIN TEST-----\n");
        return path;
    }
}
