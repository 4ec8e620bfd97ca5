// Runtime entry point; filled by the runtime-client work.
export {};
