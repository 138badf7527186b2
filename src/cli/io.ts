// Output helpers: stdout for results, stderr for errors, warnings and "No resources found".
export const out = (s: string) => {
  if (s) process.stdout.write(s);
};
export const err = (s: string) => {
  if (s) process.stderr.write(s.endsWith('\n') ? s : `${s}\n`);
};
