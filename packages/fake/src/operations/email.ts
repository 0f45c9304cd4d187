// Email messages: read one, cancel a scheduled one.
import { toEmail } from "../state/views.js";
import { type Handlers, fail, ok, visible } from "./context.js";

export const emailHandlers: Handlers = {
  "get-email-by-id": ({ path }, context) => {
    const email = context.domain.state.emails.get(path.id);
    return email && visible(context, email.locationId) ? ok(toEmail(email)) : fail(404, `Email message ${path.id} not found`);
  },

  "cancel-scheduled-email-message": ({ path }, context) => {
    const email = context.domain.state.emails.get(path.emailMessageId);
    if (!email || !visible(context, email.locationId)) return fail(404, `Email message ${path.emailMessageId} not found`);
    const message = context.domain.state.messages.get(email.messageId)!;
    if (message.scheduledAt === undefined) return fail(400, `Email message ${email.id} is not scheduled (it was sent or cancelled)`);
    context.domain.cancelScheduled(message);
    return ok({ status: 200, message: "Scheduled email cancelled successfully" });
  },
};
