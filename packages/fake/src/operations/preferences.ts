// Preference management: custom subscription subtypes and contacts' (un)subscriptions. The vendor
// documents these answers without a body; the fake answers JSON objects the spec's open
// UndocumentedResponseBody accepts.
import type { CustomSubtypeRecord } from "../state/records.js";
import { iso } from "../state/views.js";
import { type Handlers, fail, ok } from "./context.js";

const toSubtype = (subtype: CustomSubtypeRecord) => ({
  id: subtype.id,
  locationId: subtype.locationId,
  name: subtype.name,
  ...(subtype.description !== undefined ? { description: subtype.description } : {}),
  channel: subtype.channel,
  language: subtype.language,
  archived: subtype.archived,
  ...(subtype.resubscriptionLegalFormId ? { resubscription_legal_form_id: subtype.resubscriptionLegalFormId } : {}),
  dateAdded: iso(subtype.dateAdded),
  dateUpdated: iso(subtype.dateUpdated),
});

export const preferenceHandlers: Handlers = {
  "get-all-custom-subtypes": ({ query }, { domain }) => {
    const subtypes = [...domain.state.customSubtypes.values()].filter((subtype) => subtype.locationId === query.locationId);
    return ok({ customSubtypes: subtypes.map(toSubtype), total: subtypes.length });
  },

  "create-custom-subtype": ({ query, body }, { domain }) => {
    const duplicate = [...domain.state.customSubtypes.values()].find(
      (subtype) => subtype.locationId === query.locationId && subtype.channel === body.channel && subtype.name === body.name,
    );
    if (duplicate) return fail(400, `A ${body.channel} subtype named ${JSON.stringify(body.name)} already exists: ${duplicate.id}`);
    const now = domain.now();
    const subtype: CustomSubtypeRecord = {
      id: domain.newId(),
      locationId: query.locationId,
      name: body.name,
      ...(body.description !== undefined ? { description: body.description } : {}),
      channel: body.channel,
      language: body.language,
      archived: false,
      dateAdded: now,
      dateUpdated: now,
    };
    domain.state.customSubtypes.set(subtype.id, subtype);
    return ok({ success: true, customSubtype: toSubtype(subtype) }, 201);
  },

  "update-custom-subtype": ({ path, query, body }, { domain }) => {
    const subtype = domain.state.customSubtypes.get(path.id);
    if (!subtype || subtype.locationId !== query.locationId) return fail(404, `Custom subtype ${path.id} not found in location ${query.locationId}`);
    if (body.name !== undefined) subtype.name = body.name;
    if (body.description !== undefined) subtype.description = body.description;
    if (body.archived !== undefined) subtype.archived = body.archived;
    if (body.resubscription_legal_form_id !== undefined) subtype.resubscriptionLegalFormId = body.resubscription_legal_form_id;
    subtype.dateUpdated = domain.now();
    return ok({ success: true, customSubtype: toSubtype(subtype) });
  },

  "get-contact-unsubscription-status": ({ query }, { domain }) => {
    const record = domain.state.subscriptions.get(`${query.locationId} ${query.contactId}`);
    const matches = record && (!query.email || record.email === query.email);
    const statuses = matches ? record.statuses : {};
    return ok({
      locationId: query.locationId,
      contactId: query.contactId,
      ...(query.email ? { email: query.email } : {}),
      unsubscribed: statuses.default === "unsubscribed",
      subscriptions: Object.entries(statuses).map(([subtype, status]) => ({ subtype, status })),
    });
  },

  "user-subscription-change": ({ body }, { domain }) => {
    const { subscription_action: action } = body;
    if (action.type === "custom" && !action.subtype_id) return fail(400, "subscription_action.subtype_id is required for a custom subtype");
    if (action.type === "custom" && domain.state.customSubtypes.get(action.subtype_id!)?.locationId !== body.locationId) {
      return fail(400, `Custom subtype ${action.subtype_id} not found in location ${body.locationId}`);
    }
    const key = `${body.locationId} ${body.contactId}`;
    const record = domain.state.subscriptions.get(key) ?? { locationId: body.locationId, contactId: body.contactId, email: body.email, statuses: {}, dateUpdated: domain.now() };
    if (action.type === "resub_all") {
      for (const subtype of Object.keys(record.statuses)) record.statuses[subtype] = "subscribed";
      record.statuses.default = "subscribed";
    } else {
      record.statuses[action.type === "custom" ? action.subtype_id! : "default"] = action.subtype_status;
    }
    record.email = body.email;
    record.dateUpdated = domain.now();
    domain.state.subscriptions.set(key, record);
    return ok({ success: true }, 201);
  },
};
