#!/usr/bin/env node
// Entry point of the `lbaas` command: runs the compiled CLI (built by `npm install` / `npm run build`).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv);
