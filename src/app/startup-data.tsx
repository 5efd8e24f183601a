/** Start-up data work: load the embedded feed on first run and keep live figures fresh. Wired once the data layer lands. */
export function StartupData() {
  return null;
}
