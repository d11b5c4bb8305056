declare module "espeak-ng" {
  interface ESpeakNgOptions {
    arguments?: string[];
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    preRun?: Array<(module: any) => void>;
    print?: (text: string) => void;
    printErr?: (text: string) => void;
    instantiateWasm?: (
      imports: WebAssembly.Imports,
      receive: (instance: WebAssembly.Instance, module: WebAssembly.Module) => void,
    ) => Record<string, never>;
  }
  const ESpeakNg: (options: ESpeakNgOptions) => Promise<unknown>;
  export default ESpeakNg;
}
