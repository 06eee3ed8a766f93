/** A broken config, schema or command-line setting: hosts report it plainly and the CLI exits 2. */
export class ConfigError extends Error {
  constructor(
    message: string,
    public file?: string,
    public line?: number,
  ) {
    super(message);
  }
}
