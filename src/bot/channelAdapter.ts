import { CloudAdapter, type Activity, type InvokeResponse, type TurnContext } from 'botbuilder';

/**
 * CloudAdapter for the Bot Framework channels (Teams, Azure Web Chat, Emulator). It exposes the
 * adapter's activity processing without its HTTP handling, so the server answers every error
 * (401 included) in the project's JSON shape rather than the SDK's plain text.
 */
export class ChannelAdapter extends CloudAdapter {
  processIncoming(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authHeader, activity, logic);
  }
}
