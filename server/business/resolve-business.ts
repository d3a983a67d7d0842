// The business a request names, or the default one when it names none.
import type { Db } from '../../db/client.ts';
import { defaultBusiness, findBusiness } from '../../db/queries/businesses.ts';
import type { BusinessRow } from '../../db/schema.ts';
import { DomainError } from '../errors.ts';

export async function resolveBusiness(db: Db, businessId: string | undefined): Promise<BusinessRow> {
  if (!businessId) return defaultBusiness(db);
  const business = await findBusiness(db, businessId);
  if (!business) throw new DomainError('BUSINESS_NOT_FOUND');
  return business;
}
