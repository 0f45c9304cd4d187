export { createReplyBot, type ReplyBotOptions } from "./bot.js";
export { defaultReplyText, replyTo, type SendMessageBody } from "./reply.js";
export { startReplyBot, type RunningReplyBot } from "./server.js";
export { runDemo, type DemoResult } from "./demo.js";
