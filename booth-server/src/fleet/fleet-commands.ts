import type { BridgeNotifications, FleetAction } from '@onething/contract/sockets/fleet';
import type { NotificationOf } from '@onething/contract/wire/contract';
import { AppError } from '@onething/contract/errors';
import { maskText } from '@onething/contract/privacy/mask';
import type { TerminalEventLog } from './terminal-events.ts';

export type FleetCommand = NotificationOf<typeof BridgeNotifications, 'command'>;

export type CommandSender = (terminalId: string, command: FleetCommand) => boolean;

/** A command's outcome as the bridge reported it, its free text masked. */
export interface CommandResult {
  commandId: string;
  terminalId: string;
  action: FleetAction;
  ok: boolean;
  detail: string;
}

/**
 * Remote actions on their way to a terminal's bridge: delivered through the sender the bridge
 * namespace installs, remembered until the bridge reports the outcome, both on the timeline.
 */
export class FleetCommands {
  readonly #events: TerminalEventLog;
  readonly #now: () => number;
  readonly #pending = new Map<string, { terminalId: string; action: FleetAction }>();
  #sender: CommandSender = () => false;

  constructor(events: TerminalEventLog, now: () => number) {
    this.#events = events;
    this.#now = now;
  }

  setSender(sender: CommandSender): void {
    this.#sender = sender;
  }

  /** Sends the command to the terminal; false when its bridge is not connected. */
  async send(terminalId: string, command: FleetCommand): Promise<boolean> {
    this.#pending.set(command.commandId, { terminalId, action: command.action });
    const delivered = this.#sender(terminalId, command);
    await this.#events.record(
      terminalId,
      this.#now(),
      'command',
      `${command.action} by ${command.issuedBy}${delivered ? '' : ' (terminal offline: not delivered)'}`,
    );
    return delivered;
  }

  /** The bridge's report of a command it was sent. */
  async result(
    terminalId: string,
    r: { commandId: string; ok: boolean; detail: string },
  ): Promise<CommandResult> {
    const cmd = this.#pending.get(r.commandId);
    // A result for another terminal's command is ignored: one terminal cannot speak for another.
    if (!cmd || cmd.terminalId !== terminalId) throw AppError.notFound(`command ${r.commandId}`);
    this.#pending.delete(r.commandId);
    // The bridge's free-text outcome goes to maintenance staff: names and ID numbers masked.
    const detail = maskText(r.detail);
    await this.#events.record(
      terminalId,
      this.#now(),
      'command.result',
      `${cmd.action}: ${r.ok ? 'ok' : 'failed'} — ${detail}`,
    );
    return { commandId: r.commandId, terminalId, action: cmd.action, ok: r.ok, detail };
  }
}
