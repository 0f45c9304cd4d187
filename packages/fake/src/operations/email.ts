// Email messages: read one, cancel a scheduled one, and a custom provider's delivery report (v3).
import { emailStatusProblem } from "../state/email-status.js";
import { toEmail } from "../state/views.js";
import { type Handlers, fail, ok, visible } from "./context.js";

export const emailHandlers: Handlers = {
  "get-email-by-id": ({ path }, context) => {
    const email = context.domain.state.emails.get(path.id);
    return email && visible(context, email.locationId) ? ok({ emailMessage: toEmail(email) }) : fail(404, `Email message ${path.id} not found`);
  },

  "cancel-scheduled-email-message": ({ path }, context) => {
    const email = context.domain.state.emails.get(path.emailMessageId);
    if (!email || !visible(context, email.locationId)) return fail(404, `Email message ${path.emailMessageId} not found`);
    const message = context.domain.state.messages.get(email.messageId)!;
    if (message.scheduledAt === undefined) return fail(400, `Email message ${email.id} is not scheduled (it was sent or cancelled)`);
    context.domain.cancelScheduled(message);
    return ok({ status: 200, message: "Scheduled email cancelled successfully" });
  },

  "update-email-message-status": ({ path, body }, context) => {
    const email = context.domain.state.emails.get(path.id);
    if (!email || !visible(context, email.locationId)) return fail(404, `Email message ${path.id} not found`);
    // The fake has no apps: any custom provider's outbound email may be updated, never another's.
    if (!email.conversationProviderId || email.direction !== "outbound") {
      return fail(403, "Status updates are supported only for emails sent by a custom conversation provider");
    }
    if (context.domain.state.messages.get(email.messageId)?.scheduledAt !== undefined) return fail(400, `Email message ${email.id} is scheduled and not sent yet`);
    const problem = emailStatusProblem(email, body);
    if (problem) return fail(400, problem);
    context.domain.updateEmailStatus(email, body);
    return ok({ success: true, message: "Updated email message successfully" });
  },
};
