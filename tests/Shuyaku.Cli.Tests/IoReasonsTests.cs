using Shuyaku.Core.Localization;

namespace Shuyaku.Cli.Tests;

/// <summary>Why a file could not be written, in the reader's language for the usual causes, .NET's words for others.</summary>
public sealed class IoReasonsTests
{
    public static TheoryData<Exception, string, string> Usual => new()
    {
        { new UnauthorizedAccessException("Access to the path '/x' is denied."), "access denied: no permission to write there, or a folder has the file's name",
            "アクセスが拒否されました。そこに書き込む権限がないか、同じ名前のフォルダがあります" },
        { new DirectoryNotFoundException("Could not find a part of the path '/a/b'."), "a folder on the path does not exist", "パスの途中のフォルダがありません" },
        { new FileNotFoundException("Could not find file '/proc/x'."), "the file cannot be created there", "そこにはファイルを作成できません" },
        { new PathTooLongException("The path is too long."), "the path is too long for the system", "パスがシステムの上限を超える長さです" },
        { new IOException("No space left on device", 28), "the disk is full", "ディスクがいっぱいです" },
        { new IOException("Read-only file system", 30), "the file system is read-only", "ファイルシステムが読み取り専用です" },
        { new IOException("Input/output error", 5), "Input/output error", "Input/output error" },
    };

    [Theory]
    [MemberData(nameof(Usual))]
    public void A_usual_reason_is_said_in_the_reader_s_language_and_any_other_in_net_s_words(Exception e, string english, string japanese)
    {
        using (Language.Use(Language.English))
        {
            IoReasons.Of(e).ShouldBe(english);
        }

        using (Language.Use(Language.Japanese))
        {
            IoReasons.Of(e).ShouldBe(japanese);
        }
    }
}
