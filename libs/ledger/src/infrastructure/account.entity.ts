import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { AccountClass, AccountHolder, NormalSide } from '../domain/account-class';

@Entity({ name: 'account' })
export class AccountEntity {
  @PrimaryColumn('uuid', { name: 'cooperative_id' })
  cooperativeId!: string;

  @PrimaryColumn('uuid')
  id!: string;

  @Column('text')
  code!: string;

  @Column('text')
  name!: string;

  @Column('text')
  class!: AccountClass;

  @Column('text', { name: 'normal_side' })
  normalSide!: NormalSide;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  @Column('boolean', { name: 'is_leaf' })
  isLeaf!: boolean;

  @Column('char', { length: 3, nullable: true })
  currency!: string | null;

  @Column('text')
  holder!: AccountHolder;

  @Column('text', { name: 'template_key', nullable: true })
  templateKey!: string | null;
}
