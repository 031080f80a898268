/** One validation failure, with a path such as `query.status[0]` or `body.buildDetails.repository`. */
export interface Problem {
  path: string;
  message: string;
}

/** `detail` text: the first problem, and how many more there are. */
export function describeProblems(problems: Problem[]): string {
  const [first] = problems;
  if (first === undefined) {
    return "Invalid request";
  }
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
  return `${first.path}: ${first.message}${more}`;
}
