import { z } from 'zod';

/**
 * Conditions decide whether an item of a bundle, a field of an item form or a material applies,
 * e.g. `marriage.status == married` or `disability.level in [1, 2] and applicant.insuranceType
 * != employee`. Catalogue files carry them as text (editable by administrators); the merged form
 * carries the parsed tree so the kiosk can show or hide fields as the citizen answers, with the
 * same evaluation as the server.
 *
 * Grammar (`and` binds tighter than `or`; parentheses group):
 *   expr       := conj ('or' conj)*
 *   conj       := atom ('and' atom)*
 *   atom       := '(' expr ')' | comparison
 *   comparison := key ('=='|'!='|'>'|'>='|'<'|'<=') literal | key 'in' '[' literal (',' literal)* ']'
 *   literal    := number | true | false | bare word | 'quoted' | "quoted"
 */
export type ConditionLiteral = string | number | boolean;
export type CompareOp = '==' | '!=' | '>' | '>=' | '<' | '<=';
export type ConditionNode =
  | { op: 'and' | 'or'; args: ConditionNode[] }
  | { op: CompareOp; field: string; value: ConditionLiteral }
  | { op: 'in'; field: string; values: ConditionLiteral[] };

const Literal = z.union([z.string(), z.number(), z.boolean()]);
export const ConditionNodeSchema: z.ZodType<ConditionNode> = z.lazy(() =>
  z.union([
    z.object({ op: z.enum(['and', 'or']), args: z.array(ConditionNodeSchema).min(1) }),
    z.object({
      op: z.enum(['==', '!=', '>', '>=', '<', '<=']),
      field: z.string(),
      value: Literal,
    }),
    z.object({ op: z.literal('in'), field: z.string(), values: z.array(Literal).min(1) }),
  ]),
);

/** A canonical field key: lower-camel segments joined by dots, e.g. `applicant.idNumber`. */
export const FIELD_KEY_RE = /^[a-z][a-zA-Z0-9]*(\.[a-z][a-zA-Z0-9]*)+$/;

export type ParseConditionResult =
  { ok: true; node: ConditionNode } | { ok: false; message: string; offset: number };

type Token =
  | { kind: 'word'; text: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'string'; value: string; at: number }
  | { kind: 'op'; text: CompareOp; at: number }
  | { kind: 'punct'; text: '(' | ')' | '[' | ']' | ','; at: number };

class ConditionSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '>=' || two === '<=') {
      tokens.push({ kind: 'op', text: two, at: i });
      i += 2;
      continue;
    }
    if (ch === '>' || ch === '<') {
      tokens.push({ kind: 'op', text: ch, at: i });
      i++;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === '[' || ch === ']' || ch === ',') {
      tokens.push({ kind: 'punct', text: ch, at: i });
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) throw new ConditionSyntaxError('unterminated quoted value', i);
      tokens.push({ kind: 'string', value: text.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const num = /^-?\d+(\.\d+)?(?![\w.])/.exec(text.slice(i));
    if (num) {
      tokens.push({ kind: 'number', value: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    const word = /^[A-Za-z0-9_][A-Za-z0-9_.-]*/.exec(text.slice(i));
    if (word) {
      tokens.push({ kind: 'word', text: word[0], at: i });
      i += word[0].length;
      continue;
    }
    throw new ConditionSyntaxError(`unexpected character '${ch}'`, i);
  }
  return tokens;
}

class Parser {
  #tokens: Token[];
  #pos = 0;
  #end: number;

  constructor(tokens: Token[], end: number) {
    this.#tokens = tokens;
    this.#end = end;
  }

  parse(): ConditionNode {
    const node = this.#expr();
    const extra = this.#peek();
    if (extra) throw new ConditionSyntaxError('expected "and", "or" or the end', extra.at);
    return node;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#pos];
  }

  #next(what: string): Token {
    const t = this.#tokens[this.#pos++];
    if (!t) throw new ConditionSyntaxError(`expected ${what} but the condition ended`, this.#end);
    return t;
  }

  #isWord(t: Token | undefined, text: string): boolean {
    return t?.kind === 'word' && t.text === text;
  }

  #expr(): ConditionNode {
    const args = [this.#conj()];
    while (this.#isWord(this.#peek(), 'or')) {
      this.#pos++;
      args.push(this.#conj());
    }
    return args.length === 1 ? (args[0] as ConditionNode) : { op: 'or', args };
  }

  #conj(): ConditionNode {
    const args = [this.#atom()];
    while (this.#isWord(this.#peek(), 'and')) {
      this.#pos++;
      args.push(this.#atom());
    }
    return args.length === 1 ? (args[0] as ConditionNode) : { op: 'and', args };
  }

  #atom(): ConditionNode {
    const t = this.#next('a field key or "("');
    if (t.kind === 'punct' && t.text === '(') {
      const inner = this.#expr();
      const close = this.#next('")"');
      if (close.kind !== 'punct' || close.text !== ')') {
        throw new ConditionSyntaxError('expected ")"', close.at);
      }
      return inner;
    }
    if (t.kind !== 'word' || !FIELD_KEY_RE.test(t.text)) {
      throw new ConditionSyntaxError('expected a field key such as marriage.status', t.at);
    }
    const field = t.text;
    const op = this.#next('an operator (==, !=, >, >=, <, <=, in)');
    if (op.kind === 'op') return { op: op.text, field, value: this.#literal() };
    if (this.#isWord(op, 'in')) {
      const open = this.#next('"["');
      if (open.kind !== 'punct' || open.text !== '[') {
        throw new ConditionSyntaxError('expected "[" after "in"', open.at);
      }
      const values = [this.#literal()];
      for (;;) {
        const sep = this.#next('"," or "]"');
        if (sep.kind === 'punct' && sep.text === ']') break;
        if (sep.kind !== 'punct' || sep.text !== ',') {
          throw new ConditionSyntaxError('expected "," or "]"', sep.at);
        }
        values.push(this.#literal());
      }
      return { op: 'in', field, values };
    }
    throw new ConditionSyntaxError('expected an operator (==, !=, >, >=, <, <=, in)', op.at);
  }

  #literal(): ConditionLiteral {
    const t = this.#next('a value');
    if (t.kind === 'number') return t.value;
    if (t.kind === 'string') return t.value;
    if (t.kind === 'word') {
      if (t.text === 'true') return true;
      if (t.text === 'false') return false;
      return t.text;
    }
    throw new ConditionSyntaxError('expected a value', t.at);
  }
}

export function parseCondition(text: string): ParseConditionResult {
  try {
    if (!text.trim()) return { ok: false, message: 'the condition is empty', offset: 0 };
    return { ok: true, node: new Parser(tokenize(text), text.length).parse() };
  } catch (err) {
    if (err instanceof ConditionSyntaxError) {
      return { ok: false, message: err.message, offset: err.offset };
    }
    throw err;
  }
}

/** Every field key the condition reads, in order of first appearance. */
export function conditionFields(node: ConditionNode): string[] {
  const out = new Set<string>();
  const walk = (n: ConditionNode): void => {
    if ('args' in n) n.args.forEach(walk);
    else out.add(n.field);
  };
  walk(node);
  return [...out];
}

function formatLiteral(v: ConditionLiteral): string {
  if (typeof v === 'string' && !/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(v)) return `'${v}'`;
  if (v === 'true' || v === 'false') return `'${v}'`;
  return String(v);
}

/** Text that parses back to the same tree. */
export function formatCondition(node: ConditionNode): string {
  switch (node.op) {
    case 'and':
      return node.args
        .map((a) => (a.op === 'or' ? `(${formatCondition(a)})` : formatCondition(a)))
        .join(' and ');
    case 'or':
      return node.args.map(formatCondition).join(' or ');
    case 'in':
      return `${node.field} in [${node.values.map(formatLiteral).join(', ')}]`;
    default:
      return `${node.field} ${node.op} ${formatLiteral(node.value)}`;
  }
}

export type ConditionValues = Readonly<Record<string, string | number | boolean | undefined>>;

function isAnswered(v: unknown): v is string | number | boolean {
  return v !== undefined && v !== null && v !== '';
}

/**
 * Three-valued evaluation: true, false, or undefined when an unanswered field makes the outcome
 * open. `a or b` is true as soon as one side is true; `a and b` false as soon as one side is false.
 */
export function evaluateCondition(
  node: ConditionNode,
  values: ConditionValues,
): boolean | undefined {
  switch (node.op) {
    case 'and': {
      let open = false;
      for (const a of node.args) {
        const r = evaluateCondition(a, values);
        if (r === false) return false;
        if (r === undefined) open = true;
      }
      return open ? undefined : true;
    }
    case 'or': {
      let open = false;
      for (const a of node.args) {
        const r = evaluateCondition(a, values);
        if (r === true) return true;
        if (r === undefined) open = true;
      }
      return open ? undefined : false;
    }
    case 'in': {
      const v = values[node.field];
      if (!isAnswered(v)) return undefined;
      return node.values.some((lit) => String(lit) === String(v));
    }
    default:
      return compare(node, values);
  }
}

function compare(
  node: { op: CompareOp; field: string; value: ConditionLiteral },
  values: ConditionValues,
): boolean | undefined {
  const v = values[node.field];
  if (!isAnswered(v)) return undefined;
  if (node.op === '==') return String(v) === String(node.value);
  if (node.op === '!=') return String(v) !== String(node.value);
  // Ordering compares numbers only; a non-numeric answer never satisfies it.
  const a = Number(v);
  const b = Number(node.value);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  if (node.op === '>') return a > b;
  if (node.op === '>=') return a >= b;
  if (node.op === '<') return a < b;
  return a <= b;
}

function unique(nodes: ConditionNode[]): ConditionNode[] {
  const seen = new Set<string>();
  return nodes.filter((n) => {
    const k = JSON.stringify(n);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** All of the conditions; absent ones mean "always" and drop out. */
export function allOf(...nodes: (ConditionNode | undefined)[]): ConditionNode | undefined {
  const args = unique(nodes.flatMap((n) => (n === undefined ? [] : n.op === 'and' ? n.args : [n])));
  if (args.length === 0) return undefined;
  return args.length === 1 ? args[0] : { op: 'and', args };
}

/** Any of the conditions; an absent one means "always", which makes the whole "always". */
export function anyOf(...nodes: (ConditionNode | undefined)[]): ConditionNode | undefined {
  if (nodes.length === 0 || nodes.some((n) => n === undefined)) return undefined;
  const args = unique((nodes as ConditionNode[]).flatMap((n) => (n.op === 'or' ? n.args : [n])));
  return args.length === 1 ? args[0] : { op: 'or', args };
}
