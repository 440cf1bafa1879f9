import { encodeTimelineDetail } from '@onething/contract/sockets/fleet-detail';
import type {
  BridgeNotifications,
  BridgeRequests,
  FleetAction,
  FleetNotifications,
} from '@onething/contract/sockets/fleet';
import type { NotificationOf, RequestOf } from '@onething/contract/wire/contract';
import { AppError } from '@onething/contract/errors';
import type { TerminalEventLog } from './terminal-events.ts';

export type FleetCommand = NotificationOf<typeof BridgeNotifications, 'command'>;

export type CommandSender = (terminalId: string, command: FleetCommand) => Promise<boolean>;

/** A command's outcome as the bridge reports it: codes only, so nothing needs masking. */
export type CommandReport = RequestOf<typeof BridgeRequests, 'command:result'>;

/** The outcome as maintenance staff receive it. */
export type CommandResult = NotificationOf<typeof FleetNotifications, 'fleet:commandResult'>;

/**
 * Remote actions on their way to a terminal's bridge: delivered through the sender the bridge
 * namespace installs, remembered until the bridge reports the outcome, both on the timeline.
 */
export class FleetCommands {
  readonly #events: TerminalEventLog;
  readonly #now: () => number;
  readonly #pending = new Map<string, { terminalId: string; action: FleetAction }>();
  #sender: CommandSender = () => Promise.resolve(false);

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
    const delivered = await this.#sender(terminalId, command);
    await this.#events.record(
      terminalId,
      this.#now(),
      'command',
      encodeTimelineDetail({
        code: 'commandSent',
        action: command.action,
        by: command.issuedBy,
        delivered,
      }),
    );
    return delivered;
  }

  /**
   * A command another process sent to the bridge this process holds (cluster mode): its
   * result comes back here, so the command is remembered here.
   */
  expect(terminalId: string, command: FleetCommand): void {
    this.#pending.set(command.commandId, { terminalId, action: command.action });
  }

  /** The bridge's report of a command it was sent. */
  async result(terminalId: string, r: CommandReport): Promise<CommandResult> {
    const cmd = this.#pending.get(r.commandId);
    // A result for another terminal's command is ignored: one terminal cannot speak for another.
    if (!cmd || cmd.terminalId !== terminalId) throw AppError.notFound(`command ${r.commandId}`);
    this.#pending.delete(r.commandId);
    // Recorded as codes ("printTestPage: failed — testPageFailed NOT_CONNECTED") the console
    // words; entries from before codes carried English and are shown as not recorded as codes.
    const codes = r.detailCode ? `${r.outcome} ${r.detailCode}` : r.outcome;
    await this.#events.record(
      terminalId,
      this.#now(),
      'command.result',
      `${cmd.action}: ${r.ok ? 'ok' : 'failed'} — ${codes}`,
    );
    const { ok, outcome, detailCode } = r;
    return { commandId: r.commandId, terminalId, action: cmd.action, ok, outcome, detailCode };
  }
}
