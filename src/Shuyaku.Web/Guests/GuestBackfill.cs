using Shuyaku.Core.Sizing;
using Shuyaku.Web.Storage;

namespace Shuyaku.Web.Guests;

/// <summary>Makes the guests of estates stored before the guests table existed (schema version 1), once, on start.</summary>
internal static class GuestBackfill
{
    /// <summary>Gives every estate without guests a guest per workload; an estate that no longer reads gets none.</summary>
    public static async Task RunAsync(ConsoleStore store)
    {
        foreach (var id in await store.EstatesWithoutGuestsAsync())
        {
            if (await store.EstateAsync(id) is { } estate && EstateFit.ReadAndCheck(estate.SourceText, estate.FileName) is { Succeeded: true } read)
            {
                await store.AddGuestsAsync(id, GuestInventory.Of(read.Value!, estate.SourceText));
            }
        }
    }
}
