// Runs the scenario in a server-side runtime (Deno, Bun, Node) and prints its report as one JSON line.
// Usage: <runtime> src/cli.ts '<ScenarioInput as JSON>'
import { runScenario } from './scenario.ts';

const input = JSON.parse(process.argv[process.argv.length - 1] as string);
console.log(JSON.stringify(await runScenario(input)));
