import type { RunContext } from "../../context.js";
import { plain, printResult } from "../../io/output.js";
import type { TableSpec } from "../../io/table.js";

/** Prints one page of a list: as JSON/YAML (exactly the service's page), or as the Python CLI's table. */
export async function printPage(ctx: RunContext, page: unknown, table: () => Promise<TableSpec>): Promise<number> {
  if (ctx.output === "table") {
    const { printTable } = await import("../../io/table.js");
    printTable(ctx, await table(), plain(page) as Record<string, unknown>);
    return 0;
  }
  await printResult(ctx, page);
  return 0;
}
