import { parse, type Node, type Pattern, type Program, type Statement, type ModuleDeclaration } from 'acorn';
import { applyEdits, LineIndex, type Edit } from './cell-edits';
import { CellSyntaxError } from './cell-transpile';

/** Name of the persistent scope object inside the generated function. */
export const SCOPE_PARAM = '__benchtop_scope__';

export interface RewrittenCell {
  /** Body for `new AsyncFunction(SCOPE_PARAM, body)`: line N of the body is line N of the cell. */
  body: string;
  /** Top-level names the cell declares; the runner creates them on the scope before running. */
  declaredNames: string[];
  /** Whether the cell ends in an expression whose value it returns (shown like Jupyter's Out[]). */
  returnsValue: boolean;
  /** Maps a 1-based (line, column) in `body` to the same in the code given to `rewriteCell`. */
  toInputPosition(line: number, column: number): { line: number; column: number };
}

/**
 * Makes top-level declarations persist across cells, as in Jupyter. The cell runs inside
 * `with (scope) { … }`, and each top-level `const/let/var` becomes an assignment to a name that
 * exists on the scope, so a later cell sees it and re-running a cell that declares a const works.
 * Function declarations stay (they hoist) and are copied to the scope first; classes become
 * assignments in place. Nested declarations stay local, as they should.
 */
export function rewriteCell(code: string): RewrittenCell {
  const program = parseCell(code);
  const edits: Edit[] = [];
  const declared = new Set<string>();
  const hoisted: string[] = [];

  for (const statement of program.body) rewriteStatement(statement, code, edits, declared, hoisted);

  const last = program.body.at(-1);
  const returnsValue = last?.type === 'ExpressionStatement' && !('directive' in last && last.directive);
  if (returnsValue && last.type === 'ExpressionStatement') {
    // From the statement's start: a parenthesized expression (`({ a })`) starts inside its parens,
    // and `(return (` would not parse. `return ((` + `{ a }` + `)` + `)` balances.
    edits.push({ start: last.start, end: last.start, text: 'return (' });
    edits.push({ start: last.expression.end, end: last.expression.end, text: ')' });
  }

  // The header sits on line 1 and the footer after the last line, so line numbers match the cell.
  const header = `with (${SCOPE_PARAM}) {${hoisted.map((n) => `${SCOPE_PARAM}.${n} = ${n};`).join('')}`;
  edits.unshift({ start: 0, end: 0, text: header }); // first: it precedes any insert at 0
  edits.push({ start: code.length, end: code.length, text: '\n}' });
  const edited = applyEdits(code, edits);
  const bodyLines = new LineIndex(edited.text);
  const inputLines = new LineIndex(code);
  return {
    body: edited.text,
    declaredNames: [...declared],
    returnsValue,
    toInputPosition: (line, column) => inputLines.position(edited.toInputOffset(bodyLines.offset(line, column))),
  };
}

function parseCell(code: string): Program {
  try {
    return parse(code, { ecmaVersion: 'latest', sourceType: 'script', allowAwaitOutsideFunction: true, locations: true });
  } catch (error) {
    const e = error as SyntaxError & { loc?: { line: number; column: number } };
    let message = e.message.replace(/ \(\d+:\d+\)$/, '');
    if (/'import' and 'export' may appear only/.test(message)) {
      message = "import/export are not available in cells: `tf` and `bench` are already global (use `await import(url)` for other modules)";
    }
    throw new CellSyntaxError(message, e.loc?.line ?? null, e.loc ? e.loc.column + 1 : null);
  }
}

function rewriteStatement(
  statement: Statement | ModuleDeclaration,
  code: string,
  edits: Edit[],
  declared: Set<string>,
  hoisted: string[],
): void {
  switch (statement.type) {
    case 'VariableDeclaration': {
      const declarators = statement.declarations;
      for (const d of declarators) collectNames(d.id, declared);
      const isVar = statement.kind === 'var';
      // `var x;` leaves x as it was (JavaScript semantics); `let x;` resets it to undefined.
      const assigned = declarators.filter((d) => d.init || !isVar);
      if (assigned.length === 0) {
        edits.push({ start: statement.start, end: statement.end, text: ';' });
        return;
      }
      edits.push({ start: statement.start, end: declarators[0].start, text: ';(' });
      // A bare `var a` inside a list stays as a harmless read in the comma expression.
      for (const d of declarators) {
        if (!d.init && !isVar) edits.push({ start: d.id.end, end: d.id.end, text: ' = void 0' });
      }
      const lastDeclarator = declarators[declarators.length - 1];
      edits.push({ start: lastDeclarator.end, end: statement.end, text: ');' });
      return;
    }
    case 'FunctionDeclaration':
      if (statement.id) {
        declared.add(statement.id.name);
        hoisted.push(statement.id.name);
      }
      return;
    case 'ClassDeclaration':
      if (statement.id) {
        declared.add(statement.id.name);
        edits.push({ start: statement.start, end: statement.start, text: `;${statement.id.name} = ` });
        edits.push({ start: statement.end, end: statement.end, text: ';' });
      }
      return;
    default:
      return;
  }
}

/** Every identifier a binding pattern declares. */
function collectNames(pattern: Pattern | Node, into: Set<string>): void {
  const p = pattern as Pattern;
  switch (p.type) {
    case 'Identifier':
      into.add(p.name);
      return;
    case 'ObjectPattern':
      for (const prop of p.properties) collectNames(prop.type === 'RestElement' ? prop.argument : prop.value, into);
      return;
    case 'ArrayPattern':
      for (const el of p.elements) if (el) collectNames(el, into);
      return;
    case 'RestElement':
      collectNames(p.argument, into);
      return;
    case 'AssignmentPattern':
      collectNames(p.left, into);
      return;
    case 'MemberExpression':
      return;
    default:
      return;
  }
}
